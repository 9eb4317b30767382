//! One pass over the agent logs: plan what to read, read and parse the files in parallel
//! (whole lines only; a torn last line waits for the next pass), drop requests already counted,
//! roll the rest up per day and hour, and write buckets, file offsets and keys in one
//! transaction — so a pass that fails or is killed changes nothing.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::io::{Read, Seek, SeekFrom};
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::sync::Mutex;

use chrono::{DateTime, Utc};
use serde::Serialize;
use ts_rs::TS;

use super::files::{plan, Planned};
use super::{claude, codex, Agent, IngestReport, SourceDir, Usage};
use crate::ledger::Ledger;
use crate::plan::Reading;
use crate::store::ingest::{self, FileState};
use crate::store::{plan_windows, settings};
use crate::store::{usage as usage_store, Store};
use crate::usage::{Counts, UsageBucket, UsageSource, Width};
use crate::{Error, Result};

/// Progress of a pass, reported as files finish.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
pub struct IngestProgress {
    #[ts(type = "number")]
    pub files_done: u64,
    #[ts(type = "number")]
    pub files_total: u64,
    #[ts(type = "number")]
    pub bytes_done: u64,
    #[ts(type = "number")]
    pub bytes_total: u64,
}

/// What reading one file gave.
struct FileRead {
    planned: Planned,
    usage: Vec<Usage>,
    /// Plan-window readings (Codex's rate limits).
    plan: Vec<Reading>,
    malformed: u64,
    bytes: u64,
    new_offset: i64,
    carry: Option<String>,
    problem: Option<String>,
}

/// The setting that holds the latest pass that counted requests.
const LAST_IMPORT: &str = "agent_logs.last_import";

/// The latest pass that counted requests, by any process; `None` before the first.
pub async fn last_import(store: &Store) -> Result<Option<IngestReport>> {
    let stored: Option<IngestReport> = settings::get(store.pool(), LAST_IMPORT).await?;
    Ok(stored)
}

/// Widens the report's span of days to the request at `at`.
fn widen(report: &mut IngestReport, at: DateTime<Utc>) {
    let day = at.date_naive();
    report.first_day = Some(report.first_day.map_or(day, |d| d.min(day)));
    report.last_day = Some(report.last_day.map_or(day, |d| d.max(day)));
}

/// How often a pass starts over when another process read the same files meanwhile.
const ATTEMPTS: usize = 3;

/// Reads the agent logs under `dirs` into the ledger. `progress` is called (from worker
/// threads) as files finish. The write runs in an immediate transaction that first checks no
/// other process (the app's watcher, `keyledger import-logs`) read the same files meanwhile; if
/// one did, the pass starts over from the new offsets.
pub async fn ingest(
    store: &Store,
    dirs: &[SourceDir],
    now: DateTime<Utc>,
    progress: impl Fn(IngestProgress) + Send + Sync + 'static,
) -> Result<IngestReport> {
    let progress = std::sync::Arc::new(progress);
    for _ in 0..ATTEMPTS {
        let states = ingest::files(store.pool()).await?;
        let dirs = dirs.to_vec();
        let shown = progress.clone();
        let planned_from = states.clone();
        let read = tokio::task::spawn_blocking(move || {
            let (planned, seen, problems) = plan(&dirs, &states);
            (read_all(planned, &*shown), seen, problems)
        })
        .await
        .map_err(|e| Error::Database(format!("reading the agent logs stopped: {e}")))?;
        if let Some(report) = write(store, read, &planned_from, now).await? {
            return Ok(report);
        }
        tracing::info!("another process read the agent logs meanwhile; reading again");
    }
    Err(Error::Database(
        "the agent logs kept changing under another import; try again".to_owned(),
    ))
}

/// Rolls the reads up and writes them, unless the files' stored state is no longer what the
/// reads started from (then `None`, and nothing is written).
async fn write(
    store: &Store,
    (mut reads, files_seen, mut problems): (Vec<FileRead>, u64, Vec<String>),
    planned_from: &HashMap<String, FileState>,
    now: DateTime<Utc>,
) -> Result<Option<IngestReport>> {
    reads.sort_by(|a, b| a.planned.key.cmp(&b.planned.key));
    let prices = Ledger::new(store.clone()).prices().await?;
    let mut tx = store.pool().begin_with("BEGIN IMMEDIATE").await?;
    let current = ingest::files(&mut *tx).await?;
    if reads
        .iter()
        .any(|r| current.get(&r.planned.key) != planned_from.get(&r.planned.key))
    {
        return Ok(None);
    }
    let mut seen = ingest::seen(&mut *tx).await?;
    let mut report = IngestReport {
        files_seen,
        ..IngestReport::default()
    };
    // Hours first (one map entry per request), then days from the hours.
    let mut hours: HashMap<(Agent, &str, i64), Counts> = HashMap::new();
    let mut new_keys: BTreeMap<Agent, Vec<(u64, i64)>> = BTreeMap::new();
    for r in &reads {
        report.files_read += 1;
        report.bytes_read += r.bytes;
        report.malformed_lines += r.malformed;
        problems.extend(r.problem.clone());
        let agent = r.planned.agent;
        for u in &r.usage {
            let mut counts = u.counts;
            if let Some(key) = u.key {
                match seen.get(&key) {
                    // Logged again: nothing new, or (a streamed reply logged as it grew) only
                    // the output written since.
                    Some(&before) => {
                        report.duplicates += 1;
                        if counts.output <= before {
                            continue;
                        }
                        counts = Counts {
                            output: counts.output - before,
                            ..Counts::default()
                        };
                    }
                    None => {
                        report.requests += 1;
                        widen(&mut report, u.at);
                    }
                }
                seen.insert(key, u.counts.output);
                new_keys
                    .entry(agent)
                    .or_default()
                    .push((key, u.counts.output));
            } else {
                report.requests += 1;
                widen(&mut report, u.at);
            }
            let t = u.at.timestamp();
            let hour = t - t.rem_euclid(3600);
            hours
                .entry((agent, u.model.as_str(), hour))
                .or_default()
                .add(&counts);
        }
    }
    let mut rollup: HashMap<(Agent, &str, i64, Width), Counts> = HashMap::new();
    for ((agent, model, hour), counts) in hours {
        let day = hour - hour.rem_euclid(86_400);
        rollup
            .entry((agent, model, day, Width::Day))
            .or_default()
            .add(&counts);
        rollup.insert((agent, model, hour, Width::Hour), counts);
    }
    let mut buckets: Vec<UsageBucket> = rollup
        .into_iter()
        .filter_map(|((agent, model, start, width), counts)| {
            Some(UsageBucket {
                provider: agent.provider().to_owned(),
                credential_id: None,
                account: agent.as_str().to_owned(),
                model: model.to_owned(),
                start: DateTime::from_timestamp(start, 0)?,
                width,
                source: UsageSource::Log,
                counts,
                cost_micros: None,
                cost_source: crate::usage::CostSource::Unpriced,
            })
        })
        .collect();
    buckets.sort_by(|a, b| (a.start, &a.model, a.width).cmp(&(b.start, &b.model, b.width)));
    let unpriced: BTreeSet<String> = buckets
        .iter()
        .filter(|b| prices.lookup(&b.model).is_none())
        .map(|b| b.model.clone())
        .collect();
    report.unpriced_models = unpriced.into_iter().collect();

    usage_store::add(&mut tx, &buckets, &prices, now).await?;
    if let Some(first) = buckets.first() {
        crate::store::estimates::reconcile(&mut tx, &prices, first.start).await?;
    }
    // A file that could not be read keeps its old state, so the next pass tries it again.
    let states: Vec<FileState> = reads
        .iter()
        .filter(|r| r.problem.is_none())
        .map(|r| {
            let p = &r.planned;
            FileState {
                path: p.key.clone(),
                agent: p.agent.as_str().to_owned(),
                size: p.size,
                mtime_ns: p.mtime_ns,
                inode: p.inode,
                offset: r.new_offset,
                carry: r.carry.clone(),
            }
        })
        .collect();
    ingest::save_files(&mut tx, &states, now).await?;
    let readings: Vec<Reading> = reads.iter().flat_map(|r| r.plan.iter().cloned()).collect();
    report.plan_readings = readings.len() as u64;
    plan_windows::add(&mut tx, &readings).await?;
    for (agent, keys) in &new_keys {
        ingest::add_seen(&mut tx, agent.as_str(), keys).await?;
    }
    report.at = Some(now);
    if report.requests > 0 {
        // The latest pass that counted something, whichever process ran it (the window, the
        // CLI): what the window's agent-log panel shows.
        settings::set(&mut *tx, LAST_IMPORT, &report, now).await?;
    }
    crate::crashpoint::reached(crate::crashpoint::INGEST_BEFORE_COMMIT);
    tx.commit().await?;
    report.problems = problems;
    tracing::info!(
        files = report.files_read,
        bytes = report.bytes_read,
        requests = report.requests,
        duplicates = report.duplicates,
        "agent logs read"
    );
    Ok(Some(report))
}

/// Reads the planned files on every core, biggest first.
fn read_all(
    mut planned: Vec<Planned>,
    progress: &(dyn Fn(IngestProgress) + Sync),
) -> Vec<FileRead> {
    planned.sort_by_key(|p| std::cmp::Reverse(p.size - p.offset));
    let files_total = planned.len() as u64;
    let bytes_total: u64 = planned
        .iter()
        .map(|p| u64::try_from(p.size - p.offset).unwrap_or(0))
        .sum();
    let next = AtomicUsize::new(0);
    let files_done = AtomicU64::new(0);
    let bytes_done = AtomicU64::new(0);
    let out = Mutex::new(Vec::with_capacity(planned.len()));
    let workers = std::thread::available_parallelism().map_or(2, |n| n.get());
    std::thread::scope(|scope| {
        for _ in 0..workers.min(planned.len().max(1)) {
            scope.spawn(|| {
                // One buffer per worker, reused: no fresh pages to fault in for every file.
                let mut buf = Vec::new();
                while let Some(p) = planned.get(next.fetch_add(1, Ordering::Relaxed)) {
                    let r = read_one(p.clone(), &mut buf);
                    let files = files_done.fetch_add(1, Ordering::Relaxed) + 1;
                    let bytes = bytes_done.fetch_add(r.bytes, Ordering::Relaxed) + r.bytes;
                    progress(IngestProgress {
                        files_done: files,
                        files_total,
                        bytes_done: bytes,
                        bytes_total,
                    });
                    if let Ok(mut out) = out.lock() {
                        out.push(r);
                    }
                }
            });
        }
    });
    out.into_inner().unwrap_or_default()
}

/// How much of a file is read at a time.
const CHUNK: usize = 8 * 1024 * 1024;

/// A line longer than this is not a log record: it is skipped and counted as malformed, and
/// never held whole in memory.
pub const MAX_LINE: usize = 64 * 1024 * 1024;

/// Reads a file from its offset up to the end of its last complete line, in bounded chunks, and
/// parses the lines.
fn read_one(planned: Planned, buf: &mut Vec<u8>) -> FileRead {
    let mut result = FileRead {
        new_offset: planned.offset,
        carry: planned.carry.clone(),
        usage: Vec::new(),
        plan: Vec::new(),
        malformed: 0,
        bytes: 0,
        problem: None,
        planned,
    };
    let p = &result.planned;
    let opened = std::fs::File::open(&p.path).and_then(|mut f| {
        f.seek(SeekFrom::Start(u64::try_from(p.offset).unwrap_or(0)))?;
        Ok(f)
    });
    let mut file = match opened {
        Ok(f) => f,
        Err(e) => {
            result.problem = Some(format!("{}: {e}", p.path.display()));
            return result;
        }
    };
    let mut lines = Lines {
        agent: p.agent,
        session: p
            .path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default(),
        carry: result
            .carry
            .as_deref()
            .and_then(|c| serde_json::from_str(c).ok())
            .unwrap_or_default(),
        usage: Vec::new(),
        plan: Vec::new(),
        malformed: 0,
    };
    buf.resize(CHUNK, 0);
    // The start of a line whose end is not read yet, unless it is already too long to keep.
    let mut partial: Vec<u8> = Vec::new();
    let mut too_long = false;
    // Bytes up to the end of the last complete line.
    let mut complete: u64 = 0;
    let mut pending: u64 = 0;
    loop {
        let n = match file.read(buf) {
            Ok(0) => break,
            Ok(n) => n,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(e) => {
                result.problem = Some(format!("{}: {e}", p.path.display()));
                break;
            }
        };
        let data = &buf[..n];
        let mut start = 0;
        for end in memchr::memchr_iter(b'\n', data) {
            if too_long || partial.len() + (end - start) > MAX_LINE {
                lines.malformed += 1;
            } else if partial.is_empty() {
                lines.parse(&data[start..end]);
            } else {
                partial.extend_from_slice(&data[start..end]);
                lines.parse(&partial);
            }
            partial.clear();
            too_long = false;
            complete += pending + (end + 1 - start) as u64;
            pending = 0;
            start = end + 1;
        }
        let rest = &data[start..];
        pending += rest.len() as u64;
        if !too_long {
            if partial.len() + rest.len() > MAX_LINE {
                too_long = true;
                partial = Vec::new();
            } else {
                partial.extend_from_slice(rest);
            }
        }
    }
    // Only whole lines: a line still being written is read next time.
    result.bytes = complete;
    result.new_offset = p.offset + i64::try_from(complete).unwrap_or(0);
    result.usage = lines.usage;
    result.plan = lines.plan;
    result.malformed = lines.malformed;
    if result.planned.agent == Agent::Codex {
        result.carry = serde_json::to_string(&lines.carry).ok();
    }
    result
}

/// Parses one file's lines in order (Codex lines depend on the ones before).
struct Lines {
    agent: Agent,
    session: String,
    carry: codex::Carry,
    usage: Vec<Usage>,
    plan: Vec<Reading>,
    malformed: u64,
}

impl Lines {
    fn parse(&mut self, line: &[u8]) {
        let line = line.strip_suffix(b"\r").unwrap_or(line);
        if line.trim_ascii().is_empty() {
            return;
        }
        // A JSON object starts with `{` and ends with `}`: anything else is not a log record
        // (lines without usage are otherwise skipped without being parsed).
        let trimmed = line.trim_ascii();
        if trimmed.first() != Some(&b'{') || trimmed.last() != Some(&b'}') {
            self.malformed += 1;
            return;
        }
        let parsed = match self.agent {
            Agent::ClaudeCode => match claude::parse(line) {
                claude::Parsed::Other => {
                    self.plan.extend(claude::limit_hit(line));
                    Some(None)
                }
                claude::Parsed::Usage(u) => Some(Some(u)),
                claude::Parsed::Malformed => None,
            },
            Agent::Codex => {
                match codex::parse(line, &mut self.carry, &self.session, &mut self.plan) {
                    codex::Parsed::Usage(u) => Some(Some(u)),
                    codex::Parsed::Other => Some(None),
                    codex::Parsed::Malformed => None,
                }
            }
        };
        match parsed {
            Some(Some(u)) => self.usage.push(u),
            Some(None) => {}
            None => self.malformed += 1,
        }
    }
}
