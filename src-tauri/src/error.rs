//! The IPC error: core's error, serialised as `{code, message}` for the UI to switch on `code`.

use keyledger_core::Error;
use serde::{Serialize, Serializer};

/// Wraps a core error so commands can use `?`; it crosses IPC as an `ErrorPayload`.
#[derive(Debug)]
pub struct IpcError(Error);

impl From<Error> for IpcError {
    fn from(err: Error) -> Self {
        IpcError(err)
    }
}

impl Serialize for IpcError {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.0.payload().serialize(serializer)
    }
}

pub type IpcResult<T> = Result<T, IpcError>;
