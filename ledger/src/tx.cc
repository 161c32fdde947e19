#include "cbec/ledger/tx.h"

#include <algorithm>

#include "cbec/ledger/codec.h"
#include "cbec/ledger/errors.h"
#include "cbec/ledger/json.h"
#include "codec_util.h"

namespace cbec::ledger {

template <class Ar, class Self>
void Tx::Codec(Ar& ar, Self& s) {
  ar.String(s.chain_id, kMaxChainIdLength);
  CheckOnRead(ar, [&] { return ValidateChainId(s.chain_id); });
  ar.Fixed(s.signer);
  ar.U64(s.nonce);
  ar.String(s.contract, kMaxContractNameLength);
  CheckOnRead(ar, [&] { return ValidateContractName(s.contract); });
  ar.String(s.method, kMaxMethodNameLength);
  CheckOnRead(ar, [&] { return ValidateMethodName(s.method); });
  ar.Blob(s.args, kMaxArgsBytes);
  ar.U64(s.valid_until_height);
}
template void Tx::Codec(Writer&, const Tx&);
template void Tx::Codec(Reader&, Tx&);

template <class Ar, class Self>
void SignedTx::Codec(Ar& ar, Self& s) {
  ar.Object(s.tx);
  ar.Blob(s.public_key, kMaxPublicKeyBytes);
  ar.Fixed(s.signature);
}
template void SignedTx::Codec(Writer&, const SignedTx&);
template void SignedTx::Codec(Reader&, SignedTx&);

Status Tx::Validate() const {
  CBEC_RETURN_IF_ERROR(ValidateChainId(chain_id));
  CBEC_RETURN_IF_ERROR(ValidateContractName(contract));
  CBEC_RETURN_IF_ERROR(ValidateMethodName(method));
  if (args.size() > kMaxArgsBytes) {
    return Status(errors::kArgsTooLarge, "args of " + std::to_string(args.size()) +
                                             " bytes exceed " + std::to_string(kMaxArgsBytes));
  }
  return Status::Ok();
}

nlohmann::json Tx::ToJson() const {
  return Json{{"chain_id", chain_id},
              {"signer", signer.ToHex()},
              {"nonce", nonce},
              {"contract", contract},
              {"method", method},
              {"args", HexEncode(args)},
              {"valid_until_height", valid_until_height}};
}

Result<Tx> Tx::FromJson(const nlohmann::json& j) {
  return CatchJson("tx", [&]() -> Result<Tx> {
    Tx tx;
    JsonReader r(j, "tx");
    r.String("chain_id", tx.chain_id, kMaxChainIdLength);
    r.Fixed("signer", tx.signer);
    r.U64("nonce", tx.nonce);
    r.String("contract", tx.contract, kMaxContractNameLength);
    r.String("method", tx.method, kMaxMethodNameLength);
    r.Hex("args", tx.args, kMaxArgsBytes);
    r.U64("valid_until_height", tx.valid_until_height);
    CBEC_RETURN_IF_ERROR(r.Finish());
    Status valid = tx.Validate();
    if (!valid.ok()) return valid.WithContext("tx");
    return tx;
  });
}

nlohmann::json SignedTx::ToJson() const {
  return Json{{"tx", tx.ToJson()},
              {"public_key", HexEncode(public_key)},
              {"signature", signature.ToHex()}};
}

Result<SignedTx> SignedTx::FromJson(const nlohmann::json& j) {
  return CatchJson("signed_tx", [&]() -> Result<SignedTx> {
    SignedTx stx;
    JsonReader r(j, "signed_tx");
    r.Nested("tx", stx.tx, [](const Json& t) { return Tx::FromJson(t); });
    r.Hex("public_key", stx.public_key, kMaxPublicKeyBytes);
    r.Fixed("signature", stx.signature);
    CBEC_RETURN_IF_ERROR(r.Finish());
    return stx;
  });
}

crypto::Hash TxHash(crypto::Suite suite, const Tx& tx) {
  return crypto::TaggedDigest(suite, crypto::Domain::kTx, Encode(tx));
}

SignedTx SignTx(Tx tx, const crypto::PrivateKey& key) {
  SignedTx stx;
  crypto::Hash h = TxHash(key.suite(), tx);
  stx.tx = std::move(tx);
  stx.public_key = Bytes(key.public_key().view().begin(), key.public_key().view().end());
  stx.signature = key.Sign(h.view());
  return stx;
}

namespace {

// The cheap, key-free part of CheckSignedTx.
Status CheckTxFields(std::string_view chain_id, const Tx& tx, const TxLimits& limits) {
  CBEC_RETURN_IF_ERROR(ValidateChainId(tx.chain_id));
  if (tx.chain_id != chain_id) {
    return Status(errors::kWrongChain, "tx is for chain '" + tx.chain_id + "', this is '" +
                                           std::string(chain_id) + "'");
  }
  CBEC_RETURN_IF_ERROR(ValidateContractName(tx.contract));
  CBEC_RETURN_IF_ERROR(ValidateMethodName(tx.method));
  size_t max_args = std::min(limits.max_args_bytes, kMaxArgsBytes);
  if (tx.args.size() > max_args) {
    return Status(errors::kArgsTooLarge, "args of " + std::to_string(tx.args.size()) +
                                             " bytes exceed " + std::to_string(max_args));
  }
  return Status::Ok();
}

}  // namespace

Result<VerifiedTx> CheckSignedTx(crypto::Suite suite, std::string_view chain_id, SignedTx stx,
                                 const TxLimits& limits) {
  return CheckSignedTx(suite, chain_id, std::move(stx), limits, nullptr);
}

Result<VerifiedTx> CheckSignedTx(crypto::Suite suite, std::string_view chain_id, SignedTx stx,
                                 const TxLimits& limits, const crypto::PublicKey* known_key) {
  CBEC_RETURN_IF_ERROR(CheckTxFields(chain_id, stx.tx, limits));
  Bytes encoded_tx = Encode(stx.tx);
  size_t size = encoded_tx.size() + VarintSize(stx.public_key.size()) + stx.public_key.size() +
                crypto::Signature::kSize;
  size_t max_size = std::min(limits.max_tx_bytes, kMaxSignedTxBytes);
  if (size > max_size) {
    return Status(errors::kTxTooLarge, "signed tx of " + std::to_string(size) +
                                           " bytes exceeds " + std::to_string(max_size));
  }
  bool known = known_key != nullptr && known_key->suite() == suite &&
               std::ranges::equal(known_key->view(), stx.public_key);
  auto key = known ? Result<crypto::PublicKey>(*known_key)
                   : crypto::PublicKey::FromBytes(suite, stx.public_key);
  if (!key.ok()) return Status(errors::kBadTxPublicKey, key.status().message());
  crypto::Hash hash = crypto::TaggedDigest(suite, crypto::Domain::kTx, encoded_tx);
  if (!crypto::Verify(*key, hash.view(), stx.signature)) {
    return Status(errors::kBadTxSignature, "signature does not verify for tx " + hash.ToHex());
  }
  return VerifiedTx{std::move(stx), hash, *key, size};
}

}  // namespace cbec::ledger
