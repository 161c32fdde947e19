// `cbec credit ...` and `cbec lists ...`: ratings, credit repair, and the
// joint reward / punishment lists; their governed actions (scales, the
// composite rule, the measures catalogue) as `cbec gov propose ...`.
#include "cbec/sdk/builders.h"
#include "method_command.h"

namespace cbec::cli {
namespace {

namespace sl = sdk::lists;

Result<sl::ListKind> ParseListKind(const std::string& s) {
  if (s == "black" || s.empty()) return sl::ListKind::kBlack;
  if (s == "red") return sl::ListKind::kRed;
  return Status(errors::kUsage, "--kind: red or black");
}

Result<sl::Severity> ParseSeverity(const std::string& s, sl::ListKind kind) {
  if (s.empty()) return kind == sl::ListKind::kRed ? sl::Severity::kNone : sl::Severity::kGeneral;
  for (sl::Severity v : {sl::Severity::kNone, sl::Severity::kMinor, sl::Severity::kGeneral,
                         sl::Severity::kSerious}) {
    if (sl::SeverityName(v) == s) return v;
  }
  return Status(errors::kUsage, "--severity: none, minor, general or serious");
}

// "code:name_en:name_zh" (names may not contain ':').
Result<std::vector<sdk::credit::NamedCode>> ParseLevels(const std::vector<std::string>& texts) {
  std::vector<sdk::credit::NamedCode> out;
  for (const std::string& t : texts) {
    std::vector<std::string> parts = SplitList(t, ':');
    if (parts.size() != 3) {
      return Status(errors::kUsage, "--level '" + t + "': CODE:NAME_EN:NAME_ZH");
    }
    out.push_back({parts[0], parts[1], parts[2]});
  }
  return out;
}

void AddRate(CLI::App* g, Context& ctx) {
  {
    auto b = std::make_shared<sdk::credit::Rate>();
    auto& m = NewMethod(g, ctx, "credit", "rate", "your department rates an enterprise");
    m.Field("uscc", b->uscc, "the enterprise's USCC", true);
    m.Field("rule_set_id", b->rule_set_id, "your department's scale, e.g. GACC-282, STA-A-D", true);
    m.Field("level", b->level, "a level of that scale, e.g. certified, B", true);
    m.Field("reason", b->reason, "why", true);
    m.Field("legal_basis", b->legal_basis, "the rule applied", true);
    m.Field("effective_date", b->effective_date, "YYYY-MM-DD (default: the block's date)");
    m.Examples(
        "  cbec credit rate --uscc 91440300MA5F00003G --rule-set-id GACC-282 "
        "--level dishonest \\\n       --reason 'under-declared value' "
        "--legal-basis 'GACC Order 282 art. 12'");
    m.Build([b]() -> Result<sdk::Call> { return b->ToCall(); });
  }
}

void AddRepairs(CLI::App* g, Context& ctx) {
  {
    auto b = std::make_shared<sdk::credit::ApplyRepair>();
    auto& m = NewMethod(g, ctx, "credit", "apply_repair",
                        "the enterprise applies to repair a rating or a list entry");
    m.Field("uscc", b->uscc, "the enterprise's USCC", true);
    m.Field("department", b->department, "the rating's department (or --entry-id)");
    m.Field("entry_id", b->entry_id, "the black-list entry (or --department)");
    m.Field("evidence_digest", b->evidence_digest,
            "the rectification document: 64 hex digits or file:PATH", true);
    m.Field("statement", b->statement, "what was rectified", true);
    m.Examples(
        "  cbec credit apply-repair --uscc 91440300MA5F00003G --department tax \\\n"
        "       --evidence-digest file:receipt.pdf --statement 'arrears paid'");
    Context* c = &ctx;
    m.Build([b, c]() -> Result<sdk::Call> {
      sdk::credit::ApplyRepair a = *b;
      if (!b->evidence_digest.empty()) {
        CBEC_ASSIGN_OR_RETURN(a.evidence_digest,
                              DigestArg(*c, "--evidence-digest", b->evidence_digest));
      }
      return a.ToCall();
    });
  }
  {
    auto b = std::make_shared<sdk::credit::DecideRepair>();
    auto& m = NewMethod(g, ctx, "credit", "decide_repair", "decide a credit-repair application");
    m.Field("application_id", b->application_id, "e.g. 91440300MA5F00003G-1", true);
    m.Field("decision", b->decision, "accept or reject", true)
        ->check(CLI::IsMember({"accept", "reject"}));
    m.Field("reason", b->reason, "why", true);
    m.Field("new_level", b->new_level, "the new level (accepting a rating repair)");
    m.Examples(
        "  cbec credit decide-repair --application-id 91440300MA5F00003G-1 "
        "--decision accept \\\n       --reason verified --new-level B");
    m.Build([b]() -> Result<sdk::Call> { return b->ToCall(); });
  }
}

void AddIssue(CLI::App* g, Context& ctx) {
  {
    auto b = std::make_shared<sl::Issue>();
    auto kind = std::make_shared<std::string>();
    auto severity = std::make_shared<std::string>();
    auto& m = NewMethod(g, ctx, "lists", "issue", "your department lists an enterprise");
    m.Field("subject", b->subject, "the enterprise's USCC", true);
    m.Field("kind", *kind, "black or red (default black)")->check(CLI::IsMember({"black", "red"}));
    m.Field("severity", *severity, "minor, general or serious (black); none (red)");
    m.Field("reason", b->reason, "why", true);
    m.Field("legal_basis", b->legal_basis, "the rule applied", true);
    m.List("measures", b->measures, "catalogue measures, e.g. customs.higher_inspection_rate",
           true);
    m.Field("effective_date", b->effective_date, "YYYY-MM-DD (default: today, UTC)");
    m.Field("period_months", b->period_months, "publication period in months", true);
    m.Examples(
        "  cbec lists issue --subject 91440300MA5F00003G --kind black --severity general "
        "\\\n       --reason 'under-declared value' --legal-basis 'NDRC Order 36' \\\n"
        "       --measures customs.higher_inspection_rate --period-months 6");
    m.Build([b, kind, severity]() -> Result<sdk::Call> {
      sl::Issue i = *b;
      CBEC_ASSIGN_OR_RETURN(i.kind, ParseListKind(*kind));
      CBEC_ASSIGN_OR_RETURN(i.severity, ParseSeverity(*severity, i.kind));
      if (i.effective_date.empty()) i.effective_date = TodayUtc();
      return i.ToCall();
    });
  }
}

void AddEntryMethods(CLI::App* g, Context& ctx) {
  {
    auto b = std::make_shared<sl::Revoke>();
    auto& m = NewMethod(g, ctx, "lists", "revoke", "the issuing department revokes an entry");
    m.Field("entry_id", b->entry_id, "e.g. BL-customs-000001", true);
    m.Field("reason", b->reason, "why", true);
    m.Examples("  cbec lists revoke --entry-id BL-customs-000002 --reason 'issued in error'");
    m.Build([b]() -> Result<sdk::Call> { return b->ToCall(); });
  }
  {
    auto b = std::make_shared<sl::ApplyMeasure>();
    auto& m = NewMethod(g, ctx, "lists", "apply_measure",
                        "report a measure your department applied to a listed enterprise");
    m.Field("entry_id", b->entry_id, "the entry", true);
    m.Field("measure", b->measure, "one of the entry's measures", true);
    m.Field("date", b->date, "YYYY-MM-DD (default: today, UTC)");
    m.Field("note", b->note, "optional note");
    m.Examples(
        "  cbec lists apply-measure --entry-id BL-customs-000001 "
        "--measure tax.no_refund_fast_track");
    m.Build([b]() -> Result<sdk::Call> {
      sl::ApplyMeasure a = *b;
      if (a.date.empty()) a.date = TodayUtc();
      return a.ToCall();
    });
  }
}

}  // namespace

void RegisterGovernedCredit(CLI::App* propose, Context& ctx, const WrapFn& wrap,
                            const std::shared_ptr<const SubmitFlags>& parent) {
  {
    auto b = std::make_shared<sdk::credit::SetScale>();
    auto levels = std::make_shared<std::vector<std::string>>();
    auto& m = NewMethod(propose, ctx, "credit", "set_scale",
                        "create or replace a department's rating scale");
    m.Field("department", b->department, "customs, tax, fx or market", true);
    m.Field("rule_set_id", b->rule_set_id, "e.g. GACC-300", true);
    m.Field("effective_from", b->effective_from, "YYYY-MM-DD", true);
    m.Bind(m.app()->add_option("--level", *levels,
                               "CODE:NAME_EN:NAME_ZH, best to worst (repeat) [required]"),
           "levels", true);
    m.Examples(
        "  cbec gov propose set-scale --title 'GACC-300' --expires 2026-12-04 "
        "--department customs \\\n       --rule-set-id GACC-300 --effective-from 2027-01-01 "
        "--level aeo:AEO:认证企业 --level routine:Routine:一般信用企业");
    m.Build(
        [b, levels]() -> Result<sdk::Call> {
          sdk::credit::SetScale s = *b;
          CBEC_ASSIGN_OR_RETURN(s.levels, ParseLevels(*levels));
          return s.ToCall();
        },
        wrap);
    m.InheritFlags(parent);
  }
  {
    auto& m = NewMethod(propose, ctx, "credit", "set_composite_rule",
                        "replace the composite-class rule (arguments in --args)");
    m.ArgsOnly();
    m.Examples(
        "  cbec gov propose set-composite-rule --title 'Rule 2027' --expires 2026-12-04 "
        "--args @rule.json");
    m.Build([]() -> Result<sdk::Call> { return sdk::credit::SetCompositeRule{}.ToCall(); }, wrap);
    m.InheritFlags(parent);
  }
  {
    auto& m = NewMethod(propose, ctx, "lists", "set_measures",
                        "replace the measures catalogue (arguments in --args)");
    m.ArgsOnly();
    m.Examples(
        "  cbec gov propose set-measures --title 'Catalogue v2' --expires 2026-12-04 "
        "--args @measures.json");
    m.Build([]() -> Result<sdk::Call> { return sl::SetMeasures{}.ToCall(); }, wrap);
    m.InheritFlags(parent);
  }
}

void RegisterCreditCommands(CLI::App& app, Context& ctx) {
  auto* credit = Group(app, "credit", "credit ratings and credit repair",
                       "  cbec credit rate --uscc 91440300MA5F00003G --rule-set-id GACC-282 "
                       "--level certified --reason R --legal-basis B\n"
                       "  cbec --key dept.key.json credit record 91440300MA5F00003G");
  AddRate(credit, ctx);
  AddRepairs(credit, ctx);
  auto* lists = Group(app, "lists", "joint reward / punishment lists (red and black lists)",
                      "  cbec lists issue --subject 91440300MA5F00003G --kind black --reason R "
                      "--legal-basis B --measures customs.higher_inspection_rate "
                      "--period-months 6\n  cbec lists subject 91440300MA5F00003G");
  AddIssue(lists, ctx);
  AddEntryMethods(lists, ctx);
}

}  // namespace cbec::cli
