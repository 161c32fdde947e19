// A contract for testing the registry and executor: it writes what it is
// told, can be told to fail after writing, or to return too large a result.
#pragma once

#include <string>

#include "cbec/ledger/state_key.h"
#include "cbec/contracts/query.h"
#include "cbec/contracts/registry.h"
#include "cbec/ledger/codec.h"
#include "cbec/ledger/json.h"

namespace cbec::contracts::testing {

inline constexpr ErrorKind kTestFailed{1099, "test.failed"};

struct WriteArgs {
  std::string key;
  std::string value;
  bool fail = false;
  bool big_result = false;

  friend bool operator==(const WriteArgs&, const WriteArgs&) = default;
  Json ToJson() const { return Json{{"key", key}, {"value", value}}; }
  static Result<WriteArgs> FromJson(const Json& j) {
    WriteArgs a;
    ledger::JsonReader r(j, "args");
    r.String("key", a.key, 64);
    r.String("value", a.value, 64);
    CBEC_RETURN_IF_ERROR(r.Finish());
    return a;
  }
  template <class Ar, class Self>
  static void Codec(Ar& ar, Self& s) {
    ar.String(s.key, 64);
    ar.String(s.value, 64);
    ar.Bool(s.fail);
    ar.Bool(s.big_result);
  }
};

inline Bytes TestKeyOf(const std::string& key) { return ledger::KeyBuilder("testc", "kv").Str(key).Build(); }

inline Status Write(Call& call, const WriteArgs& args) {
  call.state.Put(TestKeyOf(args.key), ToBytes(args.value));
  if (args.fail) return Status(kTestFailed, "told to fail");
  call.result = args.big_result ? Bytes(ledger::kMaxResultBytes + 1, 7) : ToBytes(args.value);
  return Status::Ok();
}

struct OwnerArgs {
  ledger::AccountId owner;
  std::string org;
  static Result<OwnerArgs> FromJson(const Json& j) {
    OwnerArgs a;
    ledger::JsonReader r(j, "args");
    r.Fixed("owner", a.owner);
    r.String("org", a.org, 64);
    CBEC_RETURN_IF_ERROR(r.Finish());
    return a;
  }
};

struct EmptyArgs {
  static Result<EmptyArgs> FromJson(const Json&) { return EmptyArgs{}; }
};

inline Contract MakeTestContract() {
  Contract c("testc");
  c.Method<WriteArgs>("write", Permission::AnyAccount(), Write);
  c.Method<WriteArgs>("admin_write", Permission::AnyOf({"admin"}), Write);
  c.Query<EmptyArgs>("public_q", Visibility::kPublic,
                     [](const QueryContext& q, const EmptyArgs&) -> Result<Json> {
                       return Json{{"reader", q.reader ? q.reader->id.ToHex() : ""}};
                     });
  c.Query<EmptyArgs>("members_q", Visibility::kMembers,
                     [](const QueryContext& q, const EmptyArgs&) -> Result<Json> {
                       return Json{{"reader", q.reader->id.ToHex()}};
                     });
  c.Query<OwnerArgs>("owner_q", Visibility::kOwner,
                     [](const QueryContext& q, const OwnerArgs& a) -> Result<Json> {
                       CBEC_RETURN_IF_ERROR(RequireOwnerOrOrgAdmin(q, a.owner, a.org));
                       return Json{{"ok", true}};
                     });
  return c;
}

// The native contracts plus the test contract.
inline Registry RegistryWithTestContract() {
  Registry r = NativeRegistry().value();
  Status s = r.Add(MakeTestContract());
  EXPECT_TRUE(s.ok()) << s.ToString();
  return r;
}

}  // namespace cbec::contracts::testing
