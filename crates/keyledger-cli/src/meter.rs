//! `keyledger run --meter`: the program gets the gateway instead of the providers — each
//! provider's base-URL variable points at a gateway started for the program's life, and each key
//! variable holds a fresh local token, revoked when the program ends — so every request it makes
//! is metered and no real key enters its environment. `run` then waits for the program (Ctrl+C
//! reaches it from the terminal; SIGTERM and SIGHUP are passed on) and exits with its status.

use std::ffi::OsString;

use keyledger_core::audit::{Action, Actor};
use keyledger_core::credential::Provider;
use keyledger_core::gateway::{routes, tokens, Gateway};
use keyledger_core::run::Handed;
use keyledger_core::store::{audit, gateway as token_store};
use keyledger_core::vault::Vault;
use keyledger_core::{clock, Error};

use crate::{CmdResult, Failure};

/// The variables a provider's SDKs read their base URL from.
fn base_vars(provider: Provider) -> &'static [&'static str] {
    match provider {
        Provider::OpenAI => &["OPENAI_BASE_URL"],
        Provider::Anthropic => &["ANTHROPIC_BASE_URL"],
        Provider::OpenRouter => &["OPENROUTER_BASE_URL"],
        Provider::Gemini => &["GEMINI_BASE_URL", "GOOGLE_GEMINI_BASE_URL"],
        Provider::Groq => &["GROQ_BASE_URL"],
        Provider::Xai => &["XAI_BASE_URL"],
        Provider::DeepSeek => &["DEEPSEEK_BASE_URL"],
        Provider::Mistral => &["MISTRAL_BASE_URL"],
        Provider::Other => &[],
    }
}

pub async fn run(
    vault: &Vault,
    handed: &[Handed],
    program: &OsString,
    args: &[OsString],
    name: &str,
) -> CmdResult {
    let gateway = Gateway::start(vault.clone(), 0).await?;
    let url = gateway.url();
    let now = clock::now();
    let store = vault.store();
    let mut cmd = tokio::process::Command::new(program);
    cmd.args(args).env("KEYLEDGER_GATEWAY_URL", &url);
    let mut issued = Vec::new();
    for h in handed {
        let c = &h.credential;
        let Some(base) = routes::client_base(&url, c.provider) else {
            eprintln!(
                "\"{}\" is left out: the gateway does not meter {} keys",
                c.label,
                c.provider.display_name()
            );
            continue;
        };
        let (info, token) =
            tokens::issue(store, &c.id, &format!("run --meter {name}"), true, now).await?;
        for var in &h.vars {
            cmd.env(var, token.expose());
        }
        for var in base_vars(c.provider) {
            cmd.env(var, &base);
        }
        audit::record(
            store.pool(),
            audit::Entry {
                at: now,
                action: Action::Run,
                credential_id: Some(&c.id),
                label: &c.label,
                outcome: "ok",
                actor: Actor::Cli,
                detail: Some(&format!("{name} (metered)")),
            },
        )
        .await?;
        issued.push(info.id);
    }
    let status = match cmd.spawn() {
        Ok(child) => wait(child).await,
        Err(e) => Err(Failure::Core(Error::invalid(format!(
            "cannot start {name}: {e}"
        )))),
    };
    for id in &issued {
        if let Err(e) = token_store::revoke(store.pool(), id, clock::now()).await {
            eprintln!("error: the local token {id} could not be revoked ({e}); `keyledger gateway token rm {id}` does it");
        }
    }
    gateway.stop().await;
    let code = status?;
    vault.store().close().await;
    std::process::exit(code);
}

/// Waits for the program, passing SIGTERM and SIGHUP on (Ctrl+C reaches it from the terminal
/// itself); returns the exit code to end with (128 + the signal when it was killed by one).
#[cfg(unix)]
async fn wait(mut child: tokio::process::Child) -> Result<i32, Failure> {
    use std::os::unix::process::ExitStatusExt;
    use tokio::signal::unix::{signal, SignalKind};

    let pid = child.id().and_then(|p| i32::try_from(p).ok());
    let mut term = signal(SignalKind::terminate())
        .map_err(|e| Failure::Core(Error::invalid(e.to_string())))?;
    let mut hup =
        signal(SignalKind::hangup()).map_err(|e| Failure::Core(Error::invalid(e.to_string())))?;
    let pass_on = |sig| {
        if let Some(pid) = pid {
            let _ = nix::sys::signal::kill(nix::unistd::Pid::from_raw(pid), sig);
        }
    };
    loop {
        tokio::select! {
            status = child.wait() => {
                let status = status.map_err(|e| Failure::Core(Error::invalid(format!("the program could not be waited for: {e}"))))?;
                return Ok(status.code().unwrap_or_else(|| 128 + status.signal().unwrap_or(1)));
            }
            _ = tokio::signal::ctrl_c() => {}
            _ = term.recv() => pass_on(nix::sys::signal::Signal::SIGTERM),
            _ = hup.recv() => pass_on(nix::sys::signal::Signal::SIGHUP),
        }
    }
}

#[cfg(not(unix))]
async fn wait(mut child: tokio::process::Child) -> Result<i32, Failure> {
    let status = child.wait().await.map_err(|e| {
        Failure::Core(Error::invalid(format!(
            "the program could not be waited for: {e}"
        )))
    })?;
    Ok(status.code().unwrap_or(1))
}
