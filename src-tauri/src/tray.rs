//! The tray icon: month-to-date spend, active alerts and the tightest plan window at a glance,
//! "Poll now", "Open" and "Quit".

use keyledger_core::alerts::settings::user_zone;
use keyledger_core::alerts::BudgetScope;
use keyledger_core::calendar::{zone, LocalPeriod};
use keyledger_core::pricing::money::usd;
use keyledger_core::spend::local_use;
use keyledger_core::store::alerts;
use keyledger_core::{clock, plan};
use tauri::menu::{Menu, MenuItem, PredefinedMenuItem};
use tauri::tray::TrayIconBuilder;
use tauri::{AppHandle, Manager, Runtime};

use crate::{window, AppState};

/// The menu lines that change.
struct Lines<R: Runtime> {
    spend: MenuItem<R>,
    alerts: MenuItem<R>,
    plan: MenuItem<R>,
}

const NO_PLAN_WINDOW: &str = "No plan limits seen";

/// Creates the tray icon and its menu; "Poll now" calls `on_poll`.
pub fn create<R: Runtime>(
    app: &AppHandle<R>,
    on_poll: impl Fn(&AppHandle<R>) + Send + Sync + 'static,
) -> tauri::Result<()> {
    let spend = MenuItem::with_id(app, "spend", "Month to date: …", false, None::<&str>)?;
    let alerts = MenuItem::with_id(app, "alerts", "No active alerts", false, None::<&str>)?;
    let plan = MenuItem::with_id(app, "plan", NO_PLAN_WINDOW, false, None::<&str>)?;
    let poll = MenuItem::with_id(app, "poll", "Poll now", true, None::<&str>)?;
    let open = MenuItem::with_id(app, "open", "Open Keyledger", true, None::<&str>)?;
    let quit = MenuItem::with_id(app, "quit", "Quit", true, None::<&str>)?;
    let menu = Menu::with_items(
        app,
        &[
            &spend,
            &alerts,
            &plan,
            &PredefinedMenuItem::separator(app)?,
            &poll,
            &open,
            &PredefinedMenuItem::separator(app)?,
            &quit,
        ],
    )?;
    let mut builder = TrayIconBuilder::with_id("main")
        .tooltip("Keyledger")
        .menu(&menu)
        .on_menu_event(move |app, event| match event.id().as_ref() {
            "poll" => on_poll(app),
            "open" => {
                window::show(app, None);
            }
            "quit" => app.exit(0),
            _ => {}
        });
    if let Some(icon) = app.default_window_icon() {
        builder = builder.icon(icon.clone());
    }
    builder.build(app)?;
    app.manage(Lines {
        spend,
        alerts,
        plan,
    });
    Ok(())
}

/// Updates the month-to-date spend, the count of active alerts and the tightest plan window.
pub async fn refresh<R: Runtime>(app: &AppHandle<R>) {
    let Some(lines) = app.try_state::<Lines<R>>() else {
        return;
    };
    let state = app.state::<AppState>();
    let store = state.vault.store();
    let now = clock::now();
    let tz = user_zone(store).await.unwrap_or_else(|_| zone(None));
    let month = LocalPeriod::month(now, tz);
    if let Ok(used) = local_use(
        store,
        &BudgetScope::All,
        month.first_day,
        month.last_day,
        tz,
    )
    .await
    {
        let unpriced = if used.unpriced > 0 { " + unpriced" } else { "" };
        let text = format!("Month to date: {}{unpriced}", usd(used.cost_micros));
        let _ = lines.spend.set_text(text);
    }
    if let Ok(active) = alerts::list(store.pool(), false, now).await {
        let text = match active.len() {
            0 => "No active alerts".to_owned(),
            1 => "1 active alert".to_owned(),
            n => format!("{n} active alerts"),
        };
        let _ = lines.alerts.set_text(text);
    }
    if let Ok(windows) = plan::windows(store, now).await {
        // Fresh figures come first, fullest first: the first with a percent is the tightest.
        let text = windows
            .iter()
            .find_map(|w| {
                let used = w.whole_percent().filter(|_| !w.stale)?;
                Some(format!("{} {} {used}%", w.source.display_name(), w.window))
            })
            .unwrap_or_else(|| NO_PLAN_WINDOW.to_owned());
        let _ = lines.plan.set_text(text);
    }
}
