//! Where the agents' logs are: the default folders (`~/.claude/projects`, `$CLAUDE_CONFIG_DIR`,
//! `~/.codex/sessions`, `$CODEX_HOME`), each agent switchable off, and extra folders the user adds.

use std::path::PathBuf;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::Agent;
use crate::{Error, Result};

/// The sources' settings, stored as one JSON document.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct LogSources {
    pub claude_code: bool,
    pub codex: bool,
    /// Extra folders to read, besides the defaults.
    pub extra_claude_code: Vec<String>,
    pub extra_codex: Vec<String>,
}

impl Default for LogSources {
    fn default() -> Self {
        LogSources {
            claude_code: true,
            codex: true,
            extra_claude_code: Vec::new(),
            extra_codex: Vec::new(),
        }
    }
}

/// The sources' settings with the folders they resolve to, for the settings view.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct LogSourcesView {
    pub settings: LogSources,
    pub dirs: Vec<SourceDir>,
    /// The latest read that counted requests, by the window or the CLI; none before the first.
    pub last: Option<super::IngestReport>,
}

/// A folder to read and the agent whose logs it holds.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct SourceDir {
    pub agent: Agent,
    #[ts(type = "string")]
    pub path: PathBuf,
    /// Found by default (not added by the user).
    pub default: bool,
    pub exists: bool,
}

impl LogSources {
    pub fn enabled(&self, agent: Agent) -> bool {
        match agent {
            Agent::ClaudeCode => self.claude_code,
            Agent::Codex => self.codex,
        }
    }

    pub fn set_enabled(&mut self, agent: Agent, on: bool) {
        match agent {
            Agent::ClaudeCode => self.claude_code = on,
            Agent::Codex => self.codex = on,
        }
    }

    fn extra_mut(&mut self, agent: Agent) -> &mut Vec<String> {
        match agent {
            Agent::ClaudeCode => &mut self.extra_claude_code,
            Agent::Codex => &mut self.extra_codex,
        }
    }

    /// Adds a folder (absolute, must exist).
    pub fn add_dir(&mut self, agent: Agent, dir: &str) -> Result<()> {
        let path = PathBuf::from(dir.trim());
        if !path.is_absolute() {
            return Err(Error::invalid(format!(
                "give the folder as an absolute path (e.g. /home/me/.claude/projects), not '{dir}'"
            )));
        }
        if !path.is_dir() {
            return Err(Error::invalid(format!(
                "{} is not a folder",
                path.display()
            )));
        }
        let text = path.display().to_string();
        let list = self.extra_mut(agent);
        if !list.contains(&text) {
            list.push(text);
        }
        Ok(())
    }

    /// Checks settings typed elsewhere (the app): every added folder absolute and present.
    pub fn validated(self) -> Result<Self> {
        let mut checked = LogSources {
            extra_claude_code: Vec::new(),
            extra_codex: Vec::new(),
            ..self.clone()
        };
        for d in &self.extra_claude_code {
            checked.add_dir(Agent::ClaudeCode, d)?;
        }
        for d in &self.extra_codex {
            checked.add_dir(Agent::Codex, d)?;
        }
        Ok(checked)
    }

    /// Removes an added folder; says so when it was not added.
    pub fn remove_dir(&mut self, agent: Agent, dir: &str) -> Result<()> {
        let list = self.extra_mut(agent);
        let before = list.len();
        list.retain(|d| d != dir.trim());
        if list.len() == before {
            return Err(Error::invalid(format!(
                "{dir} is not one of the added {} folders",
                agent.display_name()
            )));
        }
        Ok(())
    }

    /// Every folder to read for the enabled agents: defaults from the environment, then extras.
    pub fn dirs(&self, env: &dyn Fn(&str) -> Option<String>) -> Vec<SourceDir> {
        let home = env("HOME").map(PathBuf::from);
        let mut out = Vec::new();
        let mut push = |agent, path: PathBuf, default| {
            if !out.iter().any(|d: &SourceDir| d.path == path) {
                let exists = path.is_dir();
                out.push(SourceDir {
                    agent,
                    path,
                    default,
                    exists,
                });
            }
        };
        if self.claude_code {
            // CLAUDE_CONFIG_DIR may list several folders, comma-separated.
            match env("CLAUDE_CONFIG_DIR") {
                Some(dirs) => dirs
                    .split(',')
                    .filter(|d| !d.trim().is_empty())
                    .for_each(|d| {
                        push(
                            Agent::ClaudeCode,
                            PathBuf::from(d.trim()).join("projects"),
                            true,
                        )
                    }),
                None => {
                    if let Some(h) = &home {
                        push(Agent::ClaudeCode, h.join(".claude/projects"), true);
                        push(Agent::ClaudeCode, h.join(".config/claude/projects"), true);
                    }
                }
            }
            for d in &self.extra_claude_code {
                push(Agent::ClaudeCode, PathBuf::from(d), false);
            }
        }
        if self.codex {
            match env("CODEX_HOME") {
                Some(d) => push(Agent::Codex, PathBuf::from(d).join("sessions"), true),
                None => {
                    if let Some(h) = &home {
                        push(Agent::Codex, h.join(".codex/sessions"), true);
                    }
                }
            }
            for d in &self.extra_codex {
                push(Agent::Codex, PathBuf::from(d), false);
            }
        }
        out
    }
}
