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
use crate::store::ingest::{self, FileState};
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
    malformed: u64,
    bytes: u64,
    new_offset: i64,
    carry: Option<String>,
    problem: Option<String>,
}

/// Reads the agent logs under `dirs` into the ledger. `progress` is called (from worker
/// threads) as files finish.
pub async fn ingest(
    store: &Store,
    dirs: &[SourceDir],
    now: DateTime<Utc>,
    progress: impl Fn(IngestProgress) + Send + Sync + 'static,
) -> Result<IngestReport> {
    let states = ingest::files(store.pool()).await?;
    let dirs = dirs.to_vec();
    let read = tokio::task::spawn_blocking(move || {
        let (planned, seen, problems) = plan(&dirs, &states);
        (read_all(planned, &progress), seen, problems)
    })
    .await
    .map_err(|e| Error::Database(format!("reading the agent logs stopped: {e}")))?;
    let (mut reads, files_seen, mut problems) = read;
    reads.sort_by(|a, b| a.planned.key.cmp(&b.planned.key));

    let mut seen = ingest::seen(store.pool()).await?;
    let mut report = IngestReport {
        files_seen,
        ..IngestReport::default()
    };
    // Hours first (one map entry per request), then days from the hours.
    let mut hours: HashMap<(Agent, &str, i64), Counts> = HashMap::new();
    let mut new_keys: BTreeMap<Agent, Vec<u64>> = BTreeMap::new();
    for r in &reads {
        report.files_read += 1;
        report.bytes_read += r.bytes;
        report.malformed_lines += r.malformed;
        problems.extend(r.problem.clone());
        let agent = r.planned.agent;
        for u in &r.usage {
            if let Some(key) = u.key {
                if !seen.insert(key) {
                    report.duplicates += 1;
                    continue;
                }
                new_keys.entry(agent).or_default().push(key);
            }
            report.requests += 1;
            let t = u.at.timestamp();
            let hour = t - t.rem_euclid(3600);
            add(
                hours.entry((agent, u.model.as_str(), hour)).or_default(),
                &u.counts,
            );
        }
    }
    let mut rollup: HashMap<(Agent, &str, i64, Width), Counts> = HashMap::new();
    for ((agent, model, hour), counts) in hours {
        let day = hour - hour.rem_euclid(86_400);
        add(
            rollup.entry((agent, model, day, Width::Day)).or_default(),
            &counts,
        );
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
    let prices = Ledger::new(store.clone()).prices().await?;
    let unpriced: BTreeSet<String> = buckets
        .iter()
        .filter(|b| prices.lookup(&b.model).is_none())
        .map(|b| b.model.clone())
        .collect();
    report.unpriced_models = unpriced.into_iter().collect();

    let mut tx = store.pool().begin().await?;
    usage_store::add(&mut tx, &buckets, &prices, now).await?;
    let states: Vec<FileState> = reads
        .iter()
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
    for (agent, keys) in &new_keys {
        ingest::add_seen(&mut tx, agent.as_str(), keys).await?;
    }
    tx.commit().await?;
    report.problems = problems;
    tracing::info!(
        files = report.files_read,
        bytes = report.bytes_read,
        requests = report.requests,
        duplicates = report.duplicates,
        "agent logs read"
    );
    Ok(report)
}

fn add(to: &mut Counts, c: &Counts) {
    to.input += c.input;
    to.output += c.output;
    to.cached += c.cached;
    to.cache_write += c.cache_write;
    to.reasoning += c.reasoning;
    to.requests += c.requests;
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

/// Reads a file from its offset up to the end of its last complete line, and parses the lines.
fn read_one(planned: Planned, buf: &mut Vec<u8>) -> FileRead {
    let mut result = FileRead {
        new_offset: planned.offset,
        carry: planned.carry.clone(),
        usage: Vec::new(),
        malformed: 0,
        bytes: 0,
        problem: None,
        planned,
    };
    let p = &result.planned;
    buf.clear();
    buf.reserve(usize::try_from(p.size - p.offset).unwrap_or(0));
    let opened = std::fs::File::open(&p.path).and_then(|mut f| {
        f.seek(SeekFrom::Start(u64::try_from(p.offset).unwrap_or(0)))?;
        f.read_to_end(buf)
    });
    if let Err(e) = opened {
        result.problem = Some(format!("{}: {e}", p.path.display()));
        return result;
    }
    // Only whole lines: a line still being written is read next time.
    let Some(end) = memchr::memrchr(b'\n', buf) else {
        return result;
    };
    let complete = &buf[..=end];
    result.bytes = complete.len() as u64;
    result.new_offset = p.offset + i64::try_from(complete.len()).unwrap_or(0);
    let session = p
        .path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let mut carry: codex::Carry = result
        .carry
        .as_deref()
        .and_then(|c| serde_json::from_str(c).ok())
        .unwrap_or_default();
    let mut start = 0;
    for end in memchr::memchr_iter(b'\n', complete) {
        let line = &complete[start..end];
        start = end + 1;
        let line = line.strip_suffix(b"\r").unwrap_or(line);
        if line.trim_ascii().is_empty() {
            continue;
        }
        // A JSON object starts with `{` and ends with `}`: anything else is not a log record
        // (lines without usage are otherwise skipped without being parsed).
        let trimmed = line.trim_ascii();
        if trimmed.first() != Some(&b'{') || trimmed.last() != Some(&b'}') {
            result.malformed += 1;
            continue;
        }
        let parsed = match p.agent {
            Agent::ClaudeCode => match claude::parse(line) {
                claude::Parsed::Usage(u) => Some(Some(u)),
                claude::Parsed::Other => Some(None),
                claude::Parsed::Malformed => None,
            },
            Agent::Codex => match codex::parse(line, &mut carry, &session) {
                codex::Parsed::Usage(u) => Some(Some(u)),
                codex::Parsed::Other => Some(None),
                codex::Parsed::Malformed => None,
            },
        };
        match parsed {
            Some(Some(u)) => result.usage.push(u),
            Some(None) => {}
            None => result.malformed += 1,
        }
    }
    if p.agent == Agent::Codex {
        result.carry = serde_json::to_string(&carry).ok();
    }
    result
}
