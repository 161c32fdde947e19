// `cbec tx` (any method from JSON), `cbec gov ...` (accounts, proposals,
// votes and every governed action) and `cbec enterprise ...`.
#include "cbec/sdk/builders.h"
#include "method_command.h"

namespace cbec::cli {
namespace {

// ---- cbec tx <contract> <method> --args ----

struct GenericTx {
  std::string contract;
  std::string method;
  bool list = false;
  SubmitFlags flags;
};

int ListMethods(Context& ctx) {
  Json doc = Json::array();
  std::string human;
  for (const sdk::MethodInfo& m : sdk::KnownMethods()) {
    const std::string name = std::string(m.contract) + "." + std::string(m.method);
    auto it = CommandIndex().find(name);
    std::string command = it == CommandIndex().end() ? "" : it->second;
    doc.push_back({{"contract", m.contract},
                   {"method", m.method},
                   {"governed", m.governed},
                   {"command", command}});
    human += name + std::string(name.size() < 36 ? 36 - name.size() : 1, ' ') +
             (command.empty() ? "cbec tx " + std::string(m.contract) + " " + std::string(m.method)
                              : command) +
             (m.governed ? "   (governed: a proposal's action)" : "") + "\n";
  }
  ctx.Print(Json{{"methods", doc}}, human);
  return kExitOk;
}

void AddGenericTx(CLI::App& app, Context& ctx) {
  auto o = std::make_shared<GenericTx>();
  auto* cmd = app.add_subcommand(
      "tx", "sign and submit any contract method from its JSON arguments; prints the receipt");
  cmd->add_option("contract", o->contract, "contract, e.g. ipr");
  cmd->add_option("method", o->method, "method, e.g. file (dashes or underscores)");
  AddSubmitFlags(cmd, o->flags, ArgsFlag::kOptional);
  cmd->add_flag("--list", o->list, "list every method and the command that builds it");
  cmd->footer(
      "\nExamples:\n"
      "  cbec tx governance vote --args '{\"proposal\":1,\"approve\":true}'\n"
      "  cbec tx trace capture --args @capture-args.json\n"
      "  cbec tx ipr review --args '{...}' --dry-run\n"
      "  cbec tx --list");
  cmd->callback([&ctx, o] {
    ctx.Then([o](Context& c) {
      if (o->list) return ListMethods(c);
      if (o->contract.empty() || o->method.empty() || o->flags.args.empty()) {
        return c.Fail(Status(errors::kUsage, "give CONTRACT METHOD --args JSON (or --list)"));
      }
      std::string method = o->method;
      for (char& ch : method) ch = ch == '-' ? '_' : ch;
      auto args = ParseJsonArg("--args", o->flags.args);
      if (!args.ok()) return c.Fail(args.status());
      return SubmitCall(c, o->flags, sdk::MakeCall(o->contract, method, *args));
    });
  });
}

// ---- cbec gov ----

void AddCreateAccount(CLI::App* gov, Context& ctx) {
  {
    auto b = std::make_shared<sdk::gov::CreateAccount>();
    auto& m = NewMethod(gov, ctx, "governance", "create_account",
                        "a new account of your own organisation");
    m.Field("organisation", b->organisation, "your organisation's id", true);
    m.List("keys", b->keys, "its public keys (hex, or keystore files); the first names it", true);
    m.List("roles", b->roles, "its roles, e.g. officer,rater");
    m.Examples(
        "  cbec gov create-account --organisation customs --keys officer.key.json "
        "--roles officer,rater");
    m.Build([b]() -> Result<sdk::Call> {
      sdk::gov::CreateAccount c = *b;
      CBEC_ASSIGN_OR_RETURN(c.keys, PublicKeysArg("--keys", b->keys));
      std::sort(c.roles.begin(), c.roles.end());
      return c.ToCall();
    });
  }
}

void AddKeyMethods(CLI::App* gov, Context& ctx) {
  for (const char* method : {"add_key", "revoke_key"}) {
    auto b = std::make_shared<sdk::gov::AddKey>();
    const bool add = std::string(method) == "add_key";
    auto& m = NewMethod(gov, ctx, "governance", method,
                        add ? "add a key to an account" : "revoke one of an account's keys");
    m.Field("account", b->account, "the account id (40 hex digits)", true);
    m.Field("key", b->key, "the public key (hex, or a keystore file)", true);
    m.Examples(std::string("  cbec gov ") + Dashed(method) +
               " --account 3f9d...20 --key new.key.json");
    m.Build([b, add]() -> Result<sdk::Call> {
      CBEC_ASSIGN_OR_RETURN(std::string key, PublicKeyArg("--key", b->key));
      if (add) return sdk::gov::AddKey{b->account, key}.ToCall();
      return sdk::gov::RevokeKey{b->account, key}.ToCall();
    });
  }
}

void AddRoleMethods(CLI::App* gov, Context& ctx) {
  {
    auto b = std::make_shared<sdk::gov::SetRoles>();
    auto& m = NewMethod(gov, ctx, "governance", "set_roles", "replace an account's roles");
    m.Field("account", b->account, "the account id (40 hex digits)", true);
    m.List("roles", b->roles, "the complete new role set, e.g. admin,lister", true);
    m.Examples("  cbec gov set-roles --account 3f9d...20 --roles admin,lister");
    m.Build([b]() -> Result<sdk::Call> {
      sdk::gov::SetRoles c = *b;
      std::sort(c.roles.begin(), c.roles.end());
      return c.ToCall();
    });
  }
  for (const char* method : {"suspend_account", "reactivate_account"}) {
    auto account = std::make_shared<std::string>();
    const bool suspend = std::string(method) == "suspend_account";
    auto& m = NewMethod(gov, ctx, "governance", method,
                        suspend ? "suspend an account" : "reactivate a suspended account");
    m.Field("account", *account, "the account id (40 hex digits)", true);
    m.Examples(std::string("  cbec gov ") + Dashed(method) + " --account 3f9d...20");
    m.Build([account, suspend]() -> Result<sdk::Call> {
      if (suspend) return sdk::gov::SuspendAccount{*account}.ToCall();
      return sdk::gov::ReactivateAccount{*account}.ToCall();
    });
  }
}

struct ProposeOptions {
  std::string title;
  std::string expires;
  std::string action;  // --action JSON|@file: {"contract", "method", "args"}
  std::shared_ptr<SubmitFlags> flags = std::make_shared<SubmitFlags>();
};

Result<sdk::Call> WrapProposal(const ProposeOptions& p, sdk::Call action) {
  if (p.title.empty() || p.expires.empty()) {
    return Status(errors::kUsage, "gov propose needs --title and --expires YYYY-MM-DD");
  }
  return sdk::gov::Propose{p.title, std::move(action), p.expires}.ToCall();
}

// Organisations, as `gov propose <action>`.
void AddGovernedOrgs(CLI::App* propose, Context& ctx, const std::shared_ptr<ProposeOptions>& p) {
  auto wrap = [p](sdk::Call a) { return WrapProposal(*p, std::move(a)); };
  {
    auto b = std::make_shared<sdk::gov::AddOrg>();
    auto& m = NewMethod(propose, ctx, "governance", "add_org", "admit an organisation");
    m.Field("id", b->id, "its id, 1-32 of [a-z0-9_-]", true);
    m.Field("kind", b->kind,
            "customs, tax, fx, market, platform, enterprise, payment, "
            "logistics or auditor",
            true);
    m.Field("name", b->name, "its name", true);
    m.List("admin_keys", b->admin_keys, "its first admin's public keys (hex or keystores)", true);
    m.Examples(
        "  cbec gov propose add-org --title 'Admit Qianhai Trading' --expires 2026-12-04 \\\n"
        "       --id sz-trading --kind enterprise --name 'Qianhai Trading' "
        "--admin-keys admin.key.json");
    m.Build(
        [b]() -> Result<sdk::Call> {
          sdk::gov::AddOrg c = *b;
          CBEC_ASSIGN_OR_RETURN(c.admin_keys, PublicKeysArg("--admin-keys", b->admin_keys));
          return c.ToCall();
        },
        wrap);
    m.InheritFlags(p->flags);
  }
  {
    auto b = std::make_shared<sdk::gov::SetOrgStatus>();
    auto& m = NewMethod(propose, ctx, "governance", "set_org_status",
                        "suspend or reactivate an organisation");
    m.Field("id", b->id, "the organisation", true);
    m.Field("status", b->status, "active or suspended", true);
    m.Examples(
        "  cbec gov propose set-org-status --title 'Suspend sz-trading' --expires 2026-12-04 "
        "--id sz-trading --status suspended");
    m.Build([b]() -> Result<sdk::Call> { return b->ToCall(); }, wrap);
    m.InheritFlags(p->flags);
  }
}

// The validator set, kind roles and the threshold, as `gov propose <action>`.
void AddGovernedSettings(CLI::App* propose, Context& ctx,
                         const std::shared_ptr<ProposeOptions>& p) {
  auto wrap = [p](sdk::Call a) { return WrapProposal(*p, std::move(a)); };
  {
    auto b = std::make_shared<sdk::gov::AddValidator>();
    auto& m = NewMethod(propose, ctx, "governance", "add_validator",
                        "the next epoch's validator set gains a validator");
    m.Field("name", b->name, "its name", true);
    m.Field("public_key", b->public_key, "its validator key (hex or keystore)", true);
    m.Examples(
        "  cbec gov propose add-validator --title 'Carrier joins' --expires 2026-12-04 "
        "--name carrier --public-key carrier-validator.key.json");
    m.Build(
        [b]() -> Result<sdk::Call> {
          CBEC_ASSIGN_OR_RETURN(std::string key, PublicKeyArg("--public-key", b->public_key));
          return sdk::gov::AddValidator{b->name, key}.ToCall();
        },
        wrap);
    m.InheritFlags(p->flags);
  }
  {
    auto b = std::make_shared<sdk::gov::RemoveValidator>();
    auto& m = NewMethod(propose, ctx, "governance", "remove_validator",
                        "the next epoch's validator set loses a validator");
    m.Field("name", b->name, "its name", true);
    m.Examples(
        "  cbec gov propose remove-validator --title 'Platform leaves' --expires 2026-12-04 "
        "--name platform");
    m.Build([b]() -> Result<sdk::Call> { return b->ToCall(); }, wrap);
    m.InheritFlags(p->flags);
  }
  {
    auto b = std::make_shared<sdk::gov::SetKindRoles>();
    auto& m = NewMethod(propose, ctx, "governance", "set_kind_roles",
                        "the roles accounts of an organisation kind may hold");
    m.Field("kind", b->kind, "the organisation kind", true);
    m.List("roles", b->roles, "its roles (must include admin)", true);
    m.Examples(
        "  cbec gov propose set-kind-roles --title 'Logistics roles' --expires 2026-12-04 "
        "--kind logistics --roles admin,declarant,operator,tracer");
    m.Build(
        [b]() -> Result<sdk::Call> {
          sdk::gov::SetKindRoles c = *b;
          std::sort(c.roles.begin(), c.roles.end());
          return c.ToCall();
        },
        wrap);
    m.InheritFlags(p->flags);
  }
  {
    auto b = std::make_shared<sdk::gov::SetProposalThreshold>();
    auto& m = NewMethod(propose, ctx, "governance", "set_proposal_threshold",
                        "m: the yes votes a proposal needs");
    m.Field("threshold", b->threshold, "1 to the number of active departments", true);
    m.Examples(
        "  cbec gov propose set-proposal-threshold --title 'Three of four' "
        "--expires 2026-12-04 --threshold 3");
    m.Build([b]() -> Result<sdk::Call> { return b->ToCall(); }, wrap);
    m.InheritFlags(p->flags);
  }
}

void AddPropose(CLI::App* gov, Context& ctx) {
  auto p = std::make_shared<ProposeOptions>();
  auto* propose = gov->add_subcommand(
      "propose", "propose a governed action (a department admin; your organisation votes yes)");
  propose->add_option("--title", p->title, "1-200 bytes");
  propose->add_option("--expires", p->expires, "YYYY-MM-DD, today to 90 days on");
  propose
      ->add_option("--action", p->action,
                   "the action as JSON {\"contract\",\"method\",\"args\"} or @FILE "
                   "(or name the action as a subcommand)")
      ->type_name("JSON|@FILE");
  AddSubmitFlags(propose, *p->flags, ArgsFlag::kNone);
  propose->require_subcommand(0, 1);
  CommandIndex()["governance.propose"] = "cbec gov propose";
  propose->footer(
      "\nExamples:\n"
      "  cbec gov propose add-org --title 'Admit Qianhai Trading' --expires 2026-12-04 \\\n"
      "       --id sz-trading --kind enterprise --name 'Qianhai Trading' --admin-keys a.key.json\n"
      "  cbec gov propose --title 'New limits' --expires 2026-12-04 --action @limits.json\n"
      "Governed actions: add-org, set-org-status, add-validator, remove-validator,\n"
      "set-kind-roles, set-proposal-threshold, set-scale, set-composite-rule, set-measures,\n"
      "set-limits.");
  propose->callback([&ctx, p, propose] {
    if (!propose->get_subcommands().empty()) return;  // the action's own command runs
    ctx.Then([p](Context& c) {
      if (p->action.empty()) {
        return c.Fail(Status(errors::kUsage, "give --action JSON or an action subcommand"));
      }
      auto j = ParseJsonArg("--action", p->action);
      if (!j.ok()) return c.Fail(j.status());
      auto action = sdk::Call::FromJson(*j);
      if (!action.ok()) return c.Fail(action.status());
      auto encoded = sdk::EncodeArgs(*action);
      if (!encoded.ok()) return c.Fail(encoded.status());
      return SubmitCall(c, *p->flags, WrapProposal(*p, *action));
    });
  });
  AddGovernedOrgs(propose, ctx, p);
  AddGovernedSettings(propose, ctx, p);
  const WrapFn wrap = [p](sdk::Call a) { return WrapProposal(*p, std::move(a)); };
  RegisterGovernedCredit(propose, ctx, wrap, p->flags);
  RegisterGovernedCustoms(propose, ctx, wrap, p->flags);
}

void AddVote(CLI::App* gov, Context& ctx) {
  auto v = std::make_shared<sdk::gov::Vote>();
  auto reject = std::make_shared<bool>(false);
  auto& m = NewMethod(gov, ctx, "governance", "vote", "vote on a proposal (a department admin)");
  m.Field("proposal", v->proposal, "the proposal id", true);
  m.Bind(m.app()->add_flag("--reject", *reject, "vote no (default: yes)"), "approve");
  m.Examples("  cbec gov vote --proposal 3\n  cbec gov vote --proposal 3 --reject");
  m.Build([v, reject]() -> Result<sdk::Call> {
    return sdk::gov::Vote{v->proposal, !*reject}.ToCall();
  });
}

// ---- cbec enterprise ----

void AddEnterprise(CLI::App& app, Context& ctx) {
  auto* g = Group(app, "enterprise", "the enterprise register (market supervision registrars)",
                  "  cbec enterprise register --uscc 91440300MA5F00003G --name N "
                  "--registered-address A --legal-representative R\n"
                  "  cbec enterprise show 91440300MA5F00003G");
  {
    auto b = std::make_shared<sdk::enterprise::Register>();
    auto& m = NewMethod(g, ctx, "enterprise", "register", "register an enterprise");
    m.Field("uscc", b->uscc, "its Unified Social Credit Code (18 characters)", true);
    m.Field("name", b->name, "its registered name", true);
    m.Field("status", b->status, "existing, revoked, cancelled or moved_out")
        ->default_val("existing");
    m.Field("registered_address", b->registered_address, "its registered address", true);
    m.Field("legal_representative", b->legal_representative, "its legal representative", true);
    m.Field("organisation", b->organisation, "the member organisation linked to it");
    m.Examples(
        "  cbec enterprise register --uscc 91440300MA5F00003G --name 'Qianhai Trading' \\\n"
        "       --registered-address 'Qianhai, Shenzhen' --legal-representative 'Li Ming' "
        "--organisation sz-trading");
    m.Build([b]() -> Result<sdk::Call> { return b->ToCall(); });
  }
  {
    auto b = std::make_shared<sdk::enterprise::Update>();
    auto& m = NewMethod(g, ctx, "enterprise", "update", "update an enterprise's fields");
    m.Field("uscc", b->uscc, "its USCC", true);
    m.Field("name", b->name, "its registered name", true);
    m.Field("status", b->status, "existing, revoked, cancelled or moved_out", true);
    m.Field("registered_address", b->registered_address, "its registered address", true);
    m.Field("legal_representative", b->legal_representative, "its legal representative", true);
    m.Examples(
        "  cbec enterprise update --uscc 91440300MA5F00003G --name 'Qianhai Trading' "
        "--status revoked \\\n       --registered-address 'Qianhai, Shenzhen' "
        "--legal-representative 'Li Ming'");
    m.Build([b]() -> Result<sdk::Call> { return b->ToCall(); });
  }
  {
    auto b = std::make_shared<sdk::enterprise::LinkOrganisation>();
    auto& m = NewMethod(g, ctx, "enterprise", "link_organisation",
                        "link an enterprise to its member organisation");
    m.Field("uscc", b->uscc, "its USCC", true);
    m.Field("organisation", b->organisation, "the organisation (\"\" unlinks)", true);
    m.Examples(
        "  cbec enterprise link-organisation --uscc 91440300MA5F00003G --organisation sz-trading");
    m.Build([b]() -> Result<sdk::Call> { return b->ToCall(); });
  }
}

}  // namespace

void RegisterTx(CLI::App& app, Context& ctx) {
  AddGenericTx(app, ctx);
  auto* gov = Group(app, "gov", "governance: accounts, keys, proposals and votes",
                    "  cbec gov propose add-org --title T --expires 2026-12-04 --id sz-trading "
                    "--kind enterprise --name N --admin-keys a.key.json\n"
                    "  cbec gov vote --proposal 1\n  cbec gov proposal 1");
  gov->alias("governance");
  AddCreateAccount(gov, ctx);
  AddKeyMethods(gov, ctx);
  AddRoleMethods(gov, ctx);
  AddPropose(gov, ctx);
  AddVote(gov, ctx);
  AddEnterprise(app, ctx);
}

}  // namespace cbec::cli
