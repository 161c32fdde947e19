#include "cbec/ledger/read_request.h"

#include <charconv>
#include <map>

#include "cbec/base/hex.h"
#include "cbec/ledger/codec.h"
#include "cbec/ledger/errors.h"

namespace cbec::ledger {

template <class Ar, class Self>
void ReadRequest::Codec(Ar& ar, Self& s) {
  ar.String(s.chain_id, kMaxChainIdLength);
  ar.String(s.method, 16);
  ar.String(s.target, kMaxReadTargetLength);
  ar.U64(s.time_ms);
  ar.Fixed(s.body_digest);
}
template void ReadRequest::Codec(Writer&, const ReadRequest&);
template void ReadRequest::Codec(Reader&, ReadRequest&);

crypto::Hash ReadRequestDigest(crypto::Suite suite, const ReadRequest& req) {
  return crypto::TaggedDigest(suite, crypto::Domain::kApiRequest, Encode(req));
}

ReadAuthorization SignReadRequest(const crypto::PrivateKey& key, const AccountId& account,
                                  const ReadRequest& req) {
  crypto::Hash digest = ReadRequestDigest(key.suite(), req);
  crypto::Signature sig = key.Sign(digest.view());
  ByteView pk = key.public_key().view();
  return ReadAuthorization{account, Bytes(pk.begin(), pk.end()), req.time_ms,
                           Bytes(sig.view().begin(), sig.view().end())};
}

std::string FormatReadAuthorization(const ReadAuthorization& a) {
  return std::string(kReadAuthScheme) + " account=" + a.account.ToHex() +
         ",key=" + HexEncode(a.public_key) + ",time=" + std::to_string(a.time_ms) +
         ",sig=" + HexEncode(a.signature);
}

namespace {

Status Bad(std::string what) { return Status(errors::kBadReadAuth, std::move(what)); }

// "k=v,k=v" into a map; each key once.
Result<std::map<std::string, std::string, std::less<>>> Fields(std::string_view s) {
  std::map<std::string, std::string, std::less<>> out;
  while (!s.empty()) {
    size_t comma = s.find(',');
    std::string_view item = s.substr(0, comma);
    while (!item.empty() && item.front() == ' ') item.remove_prefix(1);
    size_t eq = item.find('=');
    if (eq == std::string_view::npos) return Bad("expected key=value, got '" + std::string(item.substr(0, 32)) + "'");
    if (!out.emplace(std::string(item.substr(0, eq)), std::string(item.substr(eq + 1))).second) {
      return Bad("field '" + std::string(item.substr(0, eq)) + "' repeated");
    }
    if (comma == std::string_view::npos) break;
    s.remove_prefix(comma + 1);
  }
  return out;
}

Result<Bytes> HexField(const std::map<std::string, std::string, std::less<>>& f,
                       std::string_view key, size_t max) {
  auto it = f.find(key);
  if (it == f.end()) return Bad("missing " + std::string(key));
  if (it->second.size() > 2 * max || !IsLowerHex(it->second)) {
    return Bad(std::string(key) + ": expected lower-case hex");
  }
  return HexDecode(it->second);
}

}  // namespace

Result<ReadAuthorization> ParseReadAuthorization(std::string_view header) {
  std::string scheme = std::string(kReadAuthScheme) + " ";
  if (header.substr(0, scheme.size()) != scheme) return Bad("expected the Cbec-Sig scheme");
  CBEC_ASSIGN_OR_RETURN(auto f, Fields(header.substr(scheme.size())));
  if (f.size() != 4) return Bad("expected exactly account, key, time and sig");
  ReadAuthorization a;
  auto account = f.find("account");
  if (account == f.end()) return Bad("missing account");
  auto id = ParseAccountId(account->second);
  if (!id.ok()) return Bad("account: " + id.status().message());
  a.account = *id;
  CBEC_ASSIGN_OR_RETURN(a.public_key, HexField(f, "key", 128));
  CBEC_ASSIGN_OR_RETURN(a.signature, HexField(f, "sig", 128));
  auto time = f.find("time");
  if (time == f.end()) return Bad("missing time");
  const std::string& t = time->second;
  auto [end, ec] = std::from_chars(t.data(), t.data() + t.size(), a.time_ms);
  if (ec != std::errc() || end != t.data() + t.size() || t.empty() || (t.size() > 1 && t[0] == '0')) {
    return Bad("time: expected ms since the Unix epoch");
  }
  return a;
}

Status VerifyReadSignature(crypto::Suite suite, const ReadAuthorization& auth,
                           const ReadRequest& req) {
  auto key = crypto::PublicKey::FromBytes(suite, auth.public_key);
  if (!key.ok()) return Status(errors::kBadReadSignature, "key: " + key.status().message());
  auto sig = crypto::Signature::FromView(auth.signature);
  if (!sig.ok()) return Status(errors::kBadReadSignature, "sig: " + sig.status().message());
  ReadRequest signed_req = req;
  signed_req.time_ms = auth.time_ms;
  crypto::Hash digest = ReadRequestDigest(suite, signed_req);
  if (!crypto::Verify(*key, digest.view(), *sig)) {
    return Status(errors::kBadReadSignature, "the signature does not match the request");
  }
  return Status::Ok();
}

}  // namespace cbec::ledger
