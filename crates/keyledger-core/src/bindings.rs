//! The TypeScript declarations of every type that crosses IPC, generated from these Rust types.
//! `ui/src/lib/bindings.ts` is this text, committed; a test fails when the two drift apart.

use ts_rs::{Config, TS};

use crate::about::{About, BundledPrices};
use crate::agent_logs::{
    Agent, IngestProgress, IngestReport, LogSources, LogSourcesView, SourceDir,
};
use crate::alerts::{
    Alert, AlertSettings, Budget, BudgetPeriod, BudgetScope, BudgetStatus, NewBudget, Rule,
    Severity,
};
use crate::audit::{Action, AuditEvent};
use crate::backup::{ExportReport, RestoreReport, Restored};
use crate::chart::data::{ChartSpec, MonthToDate};
use crate::chart::render::Look;
use crate::chart::summary::{Amount, BudgetCard, Sparkline, Summary, Top};
use crate::chart::theme::Theme;
use crate::chart::view::{BarsView, MonthView};
use crate::chart::{Bucket, ChartData, Dim, Granularity, Metric, RangeSpec, Series};
use crate::credential::{Credential, ExpirySource, Kind, NewCredential, Provider, Status};
use crate::detect::Detection;
use crate::envfile::{LineReport, Outcome as EnvOutcome};
use crate::error::ErrorPayload;
use crate::gateway::limits::LimitFigure;
use crate::gateway::status::GatewayStatus;
use crate::gateway::traffic::{GatewaySettings, GatewayView, KeyTraffic};
use crate::plan::blocks::Block;
use crate::plan::claude::EndpointStatus;
use crate::plan::{Origin, PlanSource, PlanView, PlanWindow, Point};
use crate::poll::{PollProgress, PollStatus, SourceOutcome};
use crate::pricing::{ModelPrice, PriceInput};
use crate::profiles::{ProfileSummary, Profiles};
use crate::providers::check::{CheckOutcome, CheckStatus, Probe};
use crate::rotation::{RotateOptions, RotateOutcome};
use crate::store::poll_state::PollState;
use crate::store::rotations::Rotation;
use crate::token::TokenInfo;
use crate::usage::{GroupBy, UsageReport, UsageRow};
use crate::vault::ReconcileReport;

/// The whole `bindings.ts` file.
pub fn typescript() -> String {
    let cfg = Config::new().with_large_int("number");
    let decls = [
        Provider::decl(&cfg),
        Kind::decl(&cfg),
        ExpirySource::decl(&cfg),
        Status::decl(&cfg),
        Credential::decl(&cfg),
        NewCredential::decl(&cfg),
        TokenInfo::decl(&cfg),
        Detection::decl(&cfg),
        Action::decl(&cfg),
        AuditEvent::decl(&cfg),
        ReconcileReport::decl(&cfg),
        ErrorPayload::decl(&cfg),
        CheckStatus::decl(&cfg),
        Probe::decl(&cfg),
        CheckOutcome::decl(&cfg),
        PollStatus::decl(&cfg),
        SourceOutcome::decl(&cfg),
        PollProgress::decl(&cfg),
        PollState::decl(&cfg),
        GroupBy::decl(&cfg),
        UsageRow::decl(&cfg),
        UsageReport::decl(&cfg),
        ModelPrice::decl(&cfg),
        PriceInput::decl(&cfg),
        Rule::decl(&cfg),
        Severity::decl(&cfg),
        Alert::decl(&cfg),
        AlertSettings::decl(&cfg),
        BudgetScope::decl(&cfg),
        BudgetPeriod::decl(&cfg),
        Budget::decl(&cfg),
        NewBudget::decl(&cfg),
        BudgetStatus::decl(&cfg),
        Agent::decl(&cfg),
        LogSources::decl(&cfg),
        SourceDir::decl(&cfg),
        LogSourcesView::decl(&cfg),
        IngestReport::decl(&cfg),
        PlanSource::decl(&cfg),
        Origin::decl(&cfg),
        Block::decl(&cfg),
        Point::decl(&cfg),
        PlanWindow::decl(&cfg),
        EndpointStatus::decl(&cfg),
        PlanView::decl(&cfg),
        IngestProgress::decl(&cfg),
        RotateOptions::decl(&cfg),
        RotateOutcome::decl(&cfg),
        Rotation::decl(&cfg),
        EnvOutcome::decl(&cfg),
        LineReport::decl(&cfg),
        ExportReport::decl(&cfg),
        Restored::decl(&cfg),
        RestoreReport::decl(&cfg),
        ProfileSummary::decl(&cfg),
        Profiles::decl(&cfg),
        Metric::decl(&cfg),
        Dim::decl(&cfg),
        Granularity::decl(&cfg),
        RangeSpec::decl(&cfg),
        ChartSpec::decl(&cfg),
        Bucket::decl(&cfg),
        Series::decl(&cfg),
        ChartData::decl(&cfg),
        MonthToDate::decl(&cfg),
        Theme::decl(&cfg),
        Look::decl(&cfg),
        Amount::decl(&cfg),
        Top::decl(&cfg),
        BudgetCard::decl(&cfg),
        Summary::decl(&cfg),
        Sparkline::decl(&cfg),
        BarsView::decl(&cfg),
        MonthView::decl(&cfg),
        GatewaySettings::decl(&cfg),
        GatewayStatus::decl(&cfg),
        LimitFigure::decl(&cfg),
        KeyTraffic::decl(&cfg),
        GatewayView::decl(&cfg),
        BundledPrices::decl(&cfg),
        About::decl(&cfg),
    ];
    let mut out = String::from(
        "// Generated from Rust by keyledger_core::bindings. Do not edit: run\n\
         // `KEYLEDGER_UPDATE_BINDINGS=1 cargo test -p keyledger-core --test bindings`.\n\n",
    );
    for decl in decls {
        out.push_str("export ");
        out.push_str(&decl);
        out.push_str("\n\n");
    }
    let codes: Vec<String> = crate::error::CODES
        .iter()
        .map(|c| format!("\"{c}\""))
        .collect();
    out.push_str(
        "/**\n * The code of an ErrorPayload: what the window switches on, never the message. \"unknown\" is\n * the window's own, for a rejection that did not come from Keyledger.\n */\n",
    );
    out.push_str(&format!(
        "export type ErrorCode = {} | \"unknown\";\n",
        codes.join(" | ")
    ));
    out.push_str("\n// The limits Rust checks inputs against (keyledger_core::limits).\n");
    out.push_str(&crate::limits::typescript());
    out.truncate(out.trim_end().len());
    out.push('\n');
    out
}
