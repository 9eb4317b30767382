//! Server-sent events read as they stream past: bytes in, whole events out, with the bytes each
//! event came in (so an event can be passed on exactly, or left out). Lines may end in `\n`,
//! `\r\n` or `\r`, split anywhere across chunks; an event ends at a blank line. An event larger
//! than [`MAX_EVENT`] is dropped whole and counted, so no stream can fill the memory.

/// The largest event kept (its bytes); usage chunks are tiny, but a long completion's text
/// may travel in one event.
pub const MAX_EVENT: usize = 4 * 1024 * 1024;

/// One event: its `event:` name (if any), its `data:` lines joined by `\n`, and its raw bytes.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Event {
    pub name: Option<String>,
    pub data: String,
    pub raw: Vec<u8>,
}

/// An incremental SSE reader.
#[derive(Debug, Default)]
pub struct Parser {
    /// The bytes of the event being read.
    raw: Vec<u8>,
    /// Where the line being read starts in `raw`.
    line_start: usize,
    /// The previous byte was `\r` (a `\n` right after it ends no new line).
    after_cr: bool,
    name: Option<String>,
    data: Option<String>,
    /// The event being read passed [`MAX_EVENT`]: its bytes are being skipped.
    skipping: bool,
    /// Events dropped for their size.
    pub dropped: u64,
}

impl Parser {
    /// Reads `chunk`; returns the events it completed, in order.
    pub fn push(&mut self, chunk: &[u8]) -> Vec<Event> {
        let mut out = Vec::new();
        for &b in chunk {
            if self.after_cr && b == b'\n' {
                self.after_cr = false;
                if !self.skipping {
                    self.raw.push(b);
                    self.line_start = self.raw.len();
                }
                continue;
            }
            self.after_cr = b == b'\r';
            if self.skipping {
                // Only a blank line (two line ends in a row) ends a skipped event.
                let end = b == b'\n' || b == b'\r';
                if end && self.line_start == 0 {
                    self.reset();
                } else {
                    self.line_start = usize::from(!end);
                }
                continue;
            }
            self.raw.push(b);
            if b == b'\n' || b == b'\r' {
                let line = self.raw[self.line_start..self.raw.len() - 1].to_vec();
                self.line_start = self.raw.len();
                if line.is_empty() {
                    if let Some(event) = self.finish() {
                        out.push(event);
                    }
                } else {
                    self.field(&line);
                }
            } else if self.raw.len() > MAX_EVENT {
                self.dropped += 1;
                self.skipping = true;
                self.raw = Vec::new();
                // Inside a line: the next line end is not a blank line.
                self.line_start = 1;
                self.name = None;
                self.data = None;
            }
        }
        out
    }

    fn reset(&mut self) {
        self.raw.clear();
        self.line_start = 0;
        self.name = None;
        self.data = None;
        self.skipping = false;
    }

    fn field(&mut self, line: &[u8]) {
        if line.first() == Some(&b':') {
            return;
        }
        let (key, value) = match line.iter().position(|&b| b == b':') {
            Some(i) => {
                let v = &line[i + 1..];
                (&line[..i], v.strip_prefix(b" ").unwrap_or(v))
            }
            None => (line, &b""[..]),
        };
        let value = String::from_utf8_lossy(value);
        match key {
            b"event" => self.name = Some(value.into_owned()),
            b"data" => match &mut self.data {
                Some(d) => {
                    d.push('\n');
                    d.push_str(&value);
                }
                None => self.data = Some(value.into_owned()),
            },
            _ => {}
        }
    }

    fn finish(&mut self) -> Option<Event> {
        let raw = std::mem::take(&mut self.raw);
        self.line_start = 0;
        let name = self.name.take();
        let data = self.data.take();
        // A blank line with no field before it dispatches nothing (but its bytes pass on).
        (data.is_some() || name.is_some()).then(|| Event {
            name,
            data: data.unwrap_or_default(),
            raw,
        })
    }

    /// The bytes held back for an event not finished yet (passed on as they are at the end).
    pub fn pending(&self) -> &[u8] {
        &self.raw
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn all(chunks: &[&[u8]]) -> Vec<Event> {
        let mut p = Parser::default();
        chunks.iter().flat_map(|c| p.push(c)).collect()
    }

    #[test]
    fn events_come_whole_however_the_bytes_are_split() {
        let stream = b"event: message_start\ndata: {\"a\":1}\n\n: keep-alive\n\ndata: x\ndata: y\r\n\r\ndata: [DONE]\r\r";
        let whole = all(&[stream]);
        assert_eq!(whole.len(), 3);
        assert_eq!(whole[0].name.as_deref(), Some("message_start"));
        assert_eq!(whole[0].data, "{\"a\":1}");
        assert_eq!(whole[1].data, "x\ny");
        assert_eq!(whole[2].data, "[DONE]");
        for split in 1..stream.len() {
            let (a, b) = stream.split_at(split);
            assert_eq!(all(&[a, b]), whole, "split at {split}");
        }
        let bytes: Vec<&[u8]> = stream.chunks(1).collect();
        assert_eq!(all(&bytes), whole);
    }

    #[test]
    fn each_event_keeps_the_bytes_it_came_in() {
        let mut p = Parser::default();
        let events = p.push(b"data: a\r\n\r\ndata: b\n\ndata: c");
        let raw: Vec<u8> = events.iter().flat_map(|e| e.raw.clone()).collect();
        assert_eq!(raw, b"data: a\r\n\r\ndata: b\n\n");
        assert_eq!(p.pending(), b"data: c");
    }

    #[test]
    fn an_oversized_event_is_dropped_and_the_next_one_read() {
        let mut p = Parser::default();
        let big = vec![b'x'; MAX_EVENT + 10];
        assert!(p.push(b"data: ").is_empty());
        assert!(p.push(&big).is_empty());
        let after = p.push(b"\n\ndata: ok\n\n");
        assert_eq!(after.len(), 1);
        assert_eq!(after[0].data, "ok");
        assert_eq!(p.dropped, 1);
    }
}
