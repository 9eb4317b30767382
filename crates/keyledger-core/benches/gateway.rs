//! Benchmark: the metering gateway against going direct, and against LiteLLM's proxy (the anchor),
//! all in front of one stand-in upstream on loopback that answers at once, driven by the same
//! load generator: non-streaming throughput and latency at 32 concurrent clients (flat out, and
//! sharing a steady 1,000 requests per second, `BENCH_PACED_RATE`), a stream's
//! time to first byte, and the gateway's RSS while 200 streams are open.
//!
//! Run through `scripts/bench-gateway.sh`, which builds the release CLI, installs LiteLLM into a
//! venv and sets up a private keychain. It hands this binary the contenders in the environment:
//! `KEYLEDGER_BIN`, `KEYLEDGER_DATA_DIR`, `KEYLEDGER_KEYRING_SERVICE` and `LITELLM_BIN` (optional).
//! Prints figures; asserts nothing.

#![allow(clippy::unwrap_used, clippy::print_stdout, clippy::expect_used)] // a benchmark binary

use std::convert::Infallible;
use std::io::{BufRead, BufReader};
use std::net::SocketAddr;
use std::process::{Child, Command, Stdio};
use std::sync::Arc;
use std::time::{Duration, Instant};

use bytes::Bytes;
use http_body_util::combinators::UnsyncBoxBody;
use http_body_util::{BodyExt, Full, StreamBody};
use hyper::body::Frame;
use hyper::server::conn::http1;
use hyper::service::service_fn;
use hyper::{Request, Response};
use hyper_util::rt::TokioIo;
use serde_json::json;
use tokio::net::TcpListener;

const KEY: &str = "sk-proj-GatewayBench0123456789abcdefghijklmnopqrstuvwxyzABCD";
/// LiteLLM's proxy refuses to start without a master key; clients give it as their key.
const LITELLM_MASTER_KEY: &str = "sk-bench0123456789abcdef0123456789abcdef0123456789abcdef01234567";
/// How long a "slow" stream holds between its first chunk and the rest.
const SLOW_HOLD: Duration = Duration::from_secs(4);

type Body = UnsyncBoxBody<Bytes, Infallible>;

fn chunk(text: &str) -> Bytes {
    Bytes::from(format!(
        "data: {}\n\n",
        json!({"id": "c", "object": "chat.completion.chunk", "created": 1, "model": "gpt-4.1-mini-2025-04-14",
               "choices": [{"index": 0, "delta": {"content": text}, "finish_reason": null}]})
    ))
}

/// The stand-in upstream: OpenAI chat completions, whole or streamed (with the usage chunk when
/// asked); a request naming the model `slow` holds its stream open after the first chunk.
async fn upstream(req: Request<hyper::body::Incoming>) -> Result<Response<Body>, Infallible> {
    let body = req.into_body().collect().await.map(|b| b.to_bytes());
    let body = body.unwrap_or_default();
    let text = String::from_utf8_lossy(&body);
    let stream = text.contains("\"stream\":true") || text.contains("\"stream\": true");
    if !stream {
        let answer = json!({
            "id": "chatcmpl-b", "object": "chat.completion", "created": 1, "model": "gpt-4.1-mini-2025-04-14",
            "choices": [{"index": 0, "finish_reason": "stop", "message": {"role": "assistant", "content": "Hello there"}}],
            "usage": {"prompt_tokens": 12, "completion_tokens": 3, "total_tokens": 15}
        });
        let mut r = Response::new(Full::new(Bytes::from(answer.to_string())).boxed_unsync());
        r.headers_mut()
            .insert("content-type", "application/json".parse().unwrap());
        return Ok(r);
    }
    let slow = text.contains("\"slow\"");
    let usage = text.contains("include_usage");
    let frames = futures::stream::unfold(0u8, move |step| async move {
        let data = match step {
            0 => chunk("Hello"),
            1 => {
                if slow {
                    tokio::time::sleep(SLOW_HOLD).await;
                }
                chunk(" there")
            }
            2 if usage => Bytes::from(format!(
                "data: {}\n\n",
                json!({"id": "c", "object": "chat.completion.chunk", "created": 1, "model": "gpt-4.1-mini-2025-04-14",
                       "choices": [], "usage": {"prompt_tokens": 12, "completion_tokens": 2, "total_tokens": 14}})
            )),
            2 | 3 => Bytes::from_static(b"data: [DONE]\n\n"),
            _ => return None,
        };
        let next = if step == 2 && !usage { 4 } else { step + 1 };
        Some((Ok::<_, Infallible>(Frame::data(data)), next))
    });
    let mut r = Response::new(BodyExt::boxed_unsync(StreamBody::new(frames)));
    r.headers_mut()
        .insert("content-type", "text/event-stream".parse().unwrap());
    Ok(r)
}

async fn serve_upstream() -> SocketAddr {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move {
        loop {
            let Ok((stream, _)) = listener.accept().await else {
                continue;
            };
            let _ = stream.set_nodelay(true);
            tokio::spawn(
                http1::Builder::new().serve_connection(TokioIo::new(stream), service_fn(upstream)),
            );
        }
    });
    addr
}

/// One contender: where its chat completions are, with what key, and its process.
struct Contender {
    name: &'static str,
    url: String,
    key: String,
    pid: Option<u32>,
}

struct Figures {
    rps: f64,
    p50: Duration,
    p99: Duration,
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    sorted[((sorted.len() as f64 - 1.0) * p).round() as usize]
}

fn request(
    http: &reqwest::Client,
    c: &Contender,
    model: &str,
    stream: bool,
) -> reqwest::RequestBuilder {
    http.post(&c.url).bearer_auth(&c.key).json(&json!({
        "model": model, "stream": stream,
        "messages": [{"role": "user", "content": "Say hello"}]
    }))
}

/// One whole chat completion, read to its end: how long it took.
async fn one(http: &reqwest::Client, c: &Contender) -> Duration {
    let t = Instant::now();
    let r = request(http, c, "gpt-4.1-mini", false)
        .send()
        .await
        .unwrap();
    assert!(r.status().is_success(), "{}: {}", c.name, r.status());
    r.bytes().await.unwrap();
    t.elapsed()
}

/// The clients' timings gathered: requests per second since `started`, p50 and p99.
async fn figures(tasks: Vec<tokio::task::JoinHandle<Vec<Duration>>>, started: Instant) -> Figures {
    let mut all = Vec::new();
    for t in tasks {
        all.extend(t.await.unwrap());
    }
    let elapsed = started.elapsed();
    all.sort();
    Figures {
        rps: all.len() as f64 / elapsed.as_secs_f64(),
        p50: percentile(&all, 0.50),
        p99: percentile(&all, 0.99),
    }
}

/// `total` whole requests from `clients` clients at once: requests per second, p50 and p99.
async fn throughput(
    http: &reqwest::Client,
    c: &Arc<Contender>,
    clients: usize,
    total: usize,
) -> Figures {
    let started = Instant::now();
    let mut tasks = Vec::new();
    for _ in 0..clients {
        let (http, c) = (http.clone(), c.clone());
        tasks.push(tokio::spawn(async move {
            let mut took = Vec::with_capacity(total / clients);
            for _ in 0..total / clients {
                took.push(one(&http, &c).await);
            }
            took
        }));
    }
    figures(tasks, started).await
}

/// `clients` clients sharing `rate` requests per second for `length`: each sends on its own beat
/// (a late answer skips beats rather than bunching them), so latency is the contender's own work
/// and not a queue. Returns the requests done, p50 and p99.
async fn paced(
    http: &reqwest::Client,
    c: &Arc<Contender>,
    clients: usize,
    rate: u32,
    length: Duration,
) -> Figures {
    let beat = Duration::from_secs(clients as u64) / rate;
    let started = Instant::now();
    let mut tasks = Vec::new();
    for n in 0..clients {
        let (http, c) = (http.clone(), c.clone());
        tasks.push(tokio::spawn(async move {
            let mut ticks = tokio::time::interval_at(
                tokio::time::Instant::now() + beat * n as u32 / clients as u32,
                beat,
            );
            ticks.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Skip);
            let mut took = Vec::new();
            while started.elapsed() < length {
                ticks.tick().await;
                took.push(one(&http, &c).await);
            }
            took
        }));
    }
    figures(tasks, started).await
}

/// The median time to the first chunk of a streamed answer, one client at a time.
async fn ttfb(http: &reqwest::Client, c: &Contender, n: usize) -> Duration {
    let mut all = Vec::with_capacity(n);
    for _ in 0..n {
        let t = Instant::now();
        let mut r = request(http, c, "gpt-4.1-mini", true).send().await.unwrap();
        r.chunk().await.unwrap();
        all.push(t.elapsed());
        while r.chunk().await.unwrap().is_some() {}
    }
    all.sort();
    percentile(&all, 0.5)
}

/// Resident memory of `pid` and its descendants, in MiB.
fn tree_rss(pid: u32) -> f64 {
    let mut pids = vec![pid];
    let mut i = 0;
    while i < pids.len() {
        let parent = pids[i];
        for entry in std::fs::read_dir("/proc").into_iter().flatten().flatten() {
            let Ok(child) = entry.file_name().to_string_lossy().parse::<u32>() else {
                continue;
            };
            let stat = std::fs::read_to_string(format!("/proc/{child}/stat")).unwrap_or_default();
            let ppid = stat
                .rsplit_once(')')
                .and_then(|(_, rest)| rest.split_whitespace().nth(1))
                .and_then(|p| p.parse::<u32>().ok());
            if ppid == Some(parent) {
                pids.push(child);
            }
        }
        i += 1;
    }
    pids.iter()
        .filter_map(|p| std::fs::read_to_string(format!("/proc/{p}/status")).ok())
        .filter_map(|s| {
            s.lines()
                .find_map(|l| l.strip_prefix("VmRSS:"))
                .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<f64>().ok())
        })
        .sum::<f64>()
        / 1024.0
}

/// Opens `n` streams that hold after their first chunk; the process's RSS (MiB) once all are open.
async fn open_streams(http: &reqwest::Client, c: &Arc<Contender>, n: usize) -> Option<f64> {
    let pid = c.pid?;
    let (tx, mut rx) = tokio::sync::mpsc::channel(n);
    let mut tasks = Vec::new();
    for _ in 0..n {
        let (http, c, tx) = (http.clone(), c.clone(), tx.clone());
        tasks.push(tokio::spawn(async move {
            let mut r = request(&http, &c, "slow", true).send().await.unwrap();
            r.chunk().await.unwrap();
            tx.send(()).await.unwrap();
            while r.chunk().await.unwrap().is_some() {}
        }));
    }
    for _ in 0..n {
        rx.recv().await;
    }
    let rss = tree_rss(pid);
    for t in tasks {
        t.await.unwrap();
    }
    Some(rss)
}

fn keyledger(args: &[&str], stdin: Option<&str>) -> String {
    let bin = std::env::var("KEYLEDGER_BIN").expect("KEYLEDGER_BIN: run scripts/bench-gateway.sh");
    let mut child = Command::new(bin)
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    if let Some(input) = stdin {
        use std::io::Write;
        child
            .stdin
            .take()
            .unwrap()
            .write_all(input.as_bytes())
            .unwrap();
    }
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success(), "keyledger {args:?} failed");
    String::from_utf8(out.stdout).unwrap()
}

/// `keyledger gateway` in front of the upstream, with a local token for a key whose base URL is it.
fn start_keyledger(upstream: SocketAddr) -> (Child, Contender) {
    keyledger(
        &[
            "add",
            "--label",
            "Bench",
            "--base-url",
            &format!("http://{upstream}/v1"),
        ],
        Some(KEY),
    );
    let list: serde_json::Value =
        serde_json::from_str(&keyledger(&["list", "--json"], None)).unwrap();
    let id = list[0]["id"].as_str().unwrap().to_owned();
    let token = keyledger(&["gateway", "token", &id], None)
        .trim()
        .to_owned();
    let mut child = Command::new(std::env::var("KEYLEDGER_BIN").unwrap())
        .args(["gateway", "--port", "0"])
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut url = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut url)
        .unwrap();
    let pid = child.id();
    (
        child,
        Contender {
            name: "Keyledger gateway",
            url: format!("{}/openai/v1/chat/completions", url.trim()),
            key: token,
            pid: Some(pid),
        },
    )
}

/// LiteLLM's proxy in front of the upstream, when `LITELLM_BIN` names it; waits until it answers.
async fn start_litellm(upstream: SocketAddr, http: &reqwest::Client) -> Option<(Child, Contender)> {
    let bin = std::env::var("LITELLM_BIN").ok()?;
    let dir = std::env::temp_dir().join(format!("keyledger-bench-litellm-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let config = dir.join("config.yaml");
    let entry = |name: &str| {
        format!(
            "  - model_name: {name}\n    litellm_params:\n      model: openai/{name}\n      api_base: http://{upstream}/v1\n      api_key: {KEY}\n"
        )
    };
    std::fs::write(
        &config,
        format!("model_list:\n{}{}", entry("gpt-4.1-mini"), entry("slow")),
    )
    .unwrap();
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let child = Command::new(bin)
        .args([
            "--config",
            config.to_str().unwrap(),
            "--port",
            &port.to_string(),
            "--host",
            "127.0.0.1",
        ])
        .env("LITELLM_LOCAL_MODEL_COST_MAP", "True")
        .env("LITELLM_MASTER_KEY", LITELLM_MASTER_KEY)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let health = format!("http://127.0.0.1:{port}/health/liveliness");
    let deadline = Instant::now() + Duration::from_secs(180);
    while !http
        .get(&health)
        .send()
        .await
        .is_ok_and(|r| r.status().is_success())
    {
        assert!(
            Instant::now() < deadline,
            "LiteLLM did not start in 3 minutes"
        );
        tokio::time::sleep(Duration::from_millis(250)).await;
    }
    let pid = child.id();
    Some((
        child,
        Contender {
            name: "LiteLLM proxy",
            url: format!("http://127.0.0.1:{port}/v1/chat/completions"),
            key: LITELLM_MASTER_KEY.to_owned(),
            pid: Some(pid),
        },
    ))
}

fn ms(d: Duration) -> String {
    format!("{:.2} ms", d.as_secs_f64() * 1000.0)
}

#[tokio::main]
async fn main() {
    let total: usize = std::env::var("BENCH_REQUESTS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(20_000);
    let http = reqwest::Client::builder()
        .pool_max_idle_per_host(256)
        .build()
        .unwrap();
    let upstream = serve_upstream().await;
    let (mut keyledger, gateway) = start_keyledger(upstream);
    let litellm = start_litellm(upstream, &http).await;
    let mut contenders = vec![
        Arc::new(Contender {
            name: "direct",
            url: format!("http://{upstream}/v1/chat/completions"),
            key: KEY.to_owned(),
            pid: None,
        }),
        Arc::new(gateway),
    ];
    let mut children = vec![];
    if let Some((child, c)) = litellm {
        children.push(child);
        contenders.push(Arc::new(c));
    } else {
        println!("(LITELLM_BIN not set: LiteLLM's proxy is left out)");
    }

    let rate: u32 = std::env::var("BENCH_PACED_RATE")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(1_000);
    println!(
        "{:<20} {:>10} {:>10} {:>10} {:>12} {:>12} {:>12} {:>16}",
        "", "req/s", "p50", "p99", "paced p50", "paced p99", "stream TTFB", "RSS, 200 streams"
    );
    let mut direct: Option<(Figures, Figures, Duration)> = None;
    for c in &contenders {
        throughput(&http, c, 32, 2_000).await; // warm-up
        let f = throughput(&http, c, 32, total).await;
        let p = paced(&http, c, 32, rate, Duration::from_secs(8)).await;
        let t = ttfb(&http, c, 500).await;
        let rss = open_streams(&http, c, 200).await;
        println!(
            "{:<20} {:>10.0} {:>10} {:>10} {:>12} {:>12} {:>12} {:>16}",
            c.name,
            f.rps,
            ms(f.p50),
            ms(f.p99),
            ms(p.p50),
            ms(p.p99),
            ms(t),
            rss.map_or("—".to_owned(), |r| format!("{r:.0} MiB"))
        );
        if let Some((d, dp, dt)) = &direct {
            println!(
                "{:<20} added p50 {}, p99 {} at 32 clients flat out ({:.2}× direct's req/s); \
                 added p50 {}, p99 {} at 32 clients sharing {rate} req/s ({:.0} done); TTFB +{}",
                "",
                ms(f.p50.saturating_sub(d.p50)),
                ms(f.p99.saturating_sub(d.p99)),
                f.rps / d.rps,
                ms(p.p50.saturating_sub(dp.p50)),
                ms(p.p99.saturating_sub(dp.p99)),
                p.rps,
                ms(t.saturating_sub(*dt)),
            );
        } else {
            direct = Some((f, p, t));
        }
    }
    let _ = Command::new("kill")
        .args(["-INT", &keyledger.id().to_string()])
        .status();
    let _ = keyledger.wait();
    for mut c in children {
        let _ = c.kill();
        let _ = c.wait();
    }
}
