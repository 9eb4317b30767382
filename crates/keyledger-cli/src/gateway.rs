//! `keyledger gateway`: the local metering gateway in the foreground (its base URL on the first
//! line of stdout), and the long-lived local tokens for tools configured once (issue, list,
//! revoke; issuing and revoking are audited).

use keyledger_core::audit::{Action, Actor};
use keyledger_core::clock;
use keyledger_core::gateway::tokens;
use keyledger_core::gateway::Gateway;
use keyledger_core::store::audit;
use keyledger_core::store::gateway as token_store;
use keyledger_core::vault::Vault;

use crate::args::{TokenArgs, TokenCommand};
use crate::{output, CmdResult, Failure};

pub async fn serve(vault: &Vault, port: u16) -> CmdResult {
    let gateway = Gateway::start(vault.clone(), port).await?;
    println!("{}", gateway.url());
    eprintln!(
        "Keyledger's gateway is listening. Point a tool at {}/openai/v1 (or /anthropic, /gemini, …) \
         with a local token from `keyledger gateway token ID`. Ctrl+C stops it.",
        gateway.url()
    );
    if let Err(e) = tokio::signal::ctrl_c().await {
        eprintln!("error: cannot wait for Ctrl+C ({e}); stopping");
    }
    let status = gateway.stop().await;
    eprintln!("The gateway stopped. {}.", status.summary());
    Ok(())
}

pub async fn token(vault: &Vault, args: TokenArgs) -> CmdResult {
    let now = clock::now();
    let store = vault.store();
    let command = match (args.action, args.id) {
        (Some(action), _) => action,
        (None, Some(id)) => TokenCommand::Issue {
            id,
            label: args.label,
            json: args.json,
        },
        (None, None) => {
            return Err(Failure::Usage(
                "give the key's id: `keyledger gateway token ID` (or `list`, `rm TOKEN_ID`)"
                    .to_owned(),
            ))
        }
    };
    match command {
        TokenCommand::Issue { id, label, json } => {
            let credential = vault.resolve(&id).await?;
            let label = label.unwrap_or_else(|| credential.label.clone());
            let (info, token) = tokens::issue(store, &credential.id, &label, false, now).await?;
            audit::record(
                store.pool(),
                audit::Entry {
                    at: now,
                    action: Action::TokenIssue,
                    credential_id: Some(&credential.id),
                    label: &credential.label,
                    outcome: "ok",
                    actor: Actor::Cli,
                    detail: Some(&info.id),
                },
            )
            .await?;
            if json {
                output::json(&serde_json::json!({ "token": token.expose(), "info": info }));
            } else {
                println!("{}", token.expose());
                eprintln!(
                    "Local token {} for \"{}\". It is shown once: give it to the tool as its API key, \
                     with the gateway's URL as its base URL. `keyledger gateway token rm {}` revokes it.",
                    info.id, credential.label, info.id
                );
            }
        }
        TokenCommand::List { json } => {
            let list = token_store::list(store.pool()).await?;
            if json {
                output::json(&list);
            } else if list.is_empty() {
                println!("No local tokens. `keyledger gateway token ID` issues one for a key.");
            } else {
                let rows: Vec<Vec<String>> = list
                    .iter()
                    .map(|t| {
                        vec![
                            t.id.clone(),
                            t.credential_id.chars().take(8).collect(),
                            t.label.clone(),
                            t.created_at.format("%Y-%m-%d %H:%M UTC").to_string(),
                            if t.ephemeral {
                                "run --meter"
                            } else {
                                "long-lived"
                            }
                            .to_owned(),
                        ]
                    })
                    .collect();
                output::table(&["ID", "KEY", "LABEL", "ISSUED", "KIND"], &rows);
            }
        }
        TokenCommand::Rm { token_id } => {
            let info = token_store::revoke(store.pool(), &token_id, now).await?;
            audit::record(
                store.pool(),
                audit::Entry {
                    at: now,
                    action: Action::TokenRevoke,
                    credential_id: Some(&info.credential_id),
                    label: &info.label,
                    outcome: "ok",
                    actor: Actor::Cli,
                    detail: Some(&info.id),
                },
            )
            .await?;
            println!("Revoked local token {} (\"{}\").", info.id, info.label);
        }
    }
    Ok(())
}
