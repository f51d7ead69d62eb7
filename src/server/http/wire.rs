//! The replies hyper writes on its own. A request hyper cannot parse (a control character in a
//! header, a head over its buffer, a URI over 64 KB) never reaches the router: hyper answers a
//! bare `400`/`414`/`431` with no body and none of the site's headers, and closes. This wraps
//! each connection and swaps exactly such a reply for a short page in plain words (in both
//! languages: no request was read to choose one) with the security headers of every page.

use super::plain_error;
use crate::i18n::Lang;
use axum::http::StatusCode;
use std::{
    io,
    pin::Pin,
    task::{ready, Context, Poll},
};
use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};
use tokio::net::{TcpListener, TcpStream};

/// The most one read takes from a connection. hyper grows its read buffer while reads fill it, up
/// to ~400 KB a connection; an upload arriving faster than it is stored would keep that much per
/// uploader (and the chunks cut from it alive). 64 KB reads keep its buffer near 64 KB.
const MAX_READ: usize = 64 * 1024;

/// The site's listener: TCP, with hyper's own error replies explained.
pub struct SiteListener {
    tcp: TcpListener,
    https: bool,
}

impl SiteListener {
    pub fn new(tcp: TcpListener, https: bool) -> SiteListener {
        SiteListener { tcp, https }
    }
}

/// The address a connection came from, as handlers see it (`ConnectInfo<Peer>`; rate limits).
#[derive(Clone, Copy, Debug)]
pub struct Peer(pub std::net::SocketAddr);

impl axum::extract::connect_info::Connected<axum::serve::IncomingStream<'_, SiteListener>> for Peer {
    fn connect_info(stream: axum::serve::IncomingStream<'_, SiteListener>) -> Peer {
        Peer(*stream.remote_addr())
    }
}

impl axum::serve::Listener for SiteListener {
    type Io = ExplainedIo;
    type Addr = std::net::SocketAddr;

    async fn accept(&mut self) -> (Self::Io, Self::Addr) {
        let (tcp, addr) = axum::serve::Listener::accept(&mut self.tcp).await;
        (ExplainedIo { tcp, https: self.https, replacing: None }, addr)
    }

    fn local_addr(&self) -> io::Result<Self::Addr> {
        self.tcp.local_addr()
    }
}

pub struct ExplainedIo {
    tcp: TcpStream,
    https: bool,
    /// A replacement reply being written, and how much of it is written.
    replacing: Option<(Vec<u8>, usize)>,
}

impl ExplainedIo {
    /// Writes what is left of the replacement reply.
    fn drive(&mut self, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        while let Some((reply, written)) = &mut self.replacing {
            if *written == reply.len() {
                self.replacing = None;
                break;
            }
            let n = ready!(Pin::new(&mut self.tcp).poll_write(cx, &reply[*written..]))?;
            if n == 0 {
                return Poll::Ready(Err(io::ErrorKind::WriteZero.into()));
            }
            *written += n;
        }
        Poll::Ready(Ok(()))
    }
}

impl AsyncRead for ExplainedIo {
    fn poll_read(mut self: Pin<&mut Self>, cx: &mut Context<'_>, buf: &mut ReadBuf<'_>) -> Poll<io::Result<()>> {
        if buf.remaining() <= MAX_READ {
            return Pin::new(&mut self.tcp).poll_read(cx, buf);
        }
        let mut small = buf.take(MAX_READ);
        ready!(Pin::new(&mut self.tcp).poll_read(cx, &mut small))?;
        let n = small.filled().len();
        // SAFETY: `small` is a view of `buf`'s unfilled part, and the read initialised its first n bytes.
        unsafe { buf.assume_init(n) };
        buf.advance(n);
        Poll::Ready(Ok(()))
    }
}

impl AsyncWrite for ExplainedIo {
    fn poll_write(mut self: Pin<&mut Self>, cx: &mut Context<'_>, buf: &[u8]) -> Poll<io::Result<usize>> {
        ready!(self.drive(cx))?;
        if let Some(status) = bare_error(buf) {
            // hyper is told its reply went out; ours goes out in its place (hyper closes next).
            self.replacing = Some((reply(status, self.https), 0));
            let _ = self.drive(cx)?;
            return Poll::Ready(Ok(buf.len()));
        }
        Pin::new(&mut self.tcp).poll_write(cx, buf)
    }

    fn poll_write_vectored(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        bufs: &[io::IoSlice<'_>],
    ) -> Poll<io::Result<usize>> {
        match bufs.iter().find(|b| !b.is_empty()) {
            Some(first) if bare_error(first).is_some() => self.poll_write(cx, first),
            _ => {
                ready!(self.drive(cx))?;
                Pin::new(&mut self.tcp).poll_write_vectored(cx, bufs)
            }
        }
    }

    fn is_write_vectored(&self) -> bool {
        self.tcp.is_write_vectored()
    }

    fn poll_flush(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        ready!(self.drive(cx))?;
        Pin::new(&mut self.tcp).poll_flush(cx)
    }

    fn poll_shutdown(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        ready!(self.drive(cx))?;
        Pin::new(&mut self.tcp).poll_shutdown(cx)
    }
}

/// The status of a reply hyper wrote by itself: an error status line whose head lacks the
/// `x-content-type-options` header that the site's layers put on every reply they make.
fn bare_error(buf: &[u8]) -> Option<StatusCode> {
    let rest = buf.strip_prefix(b"HTTP/1.1 ").or_else(|| buf.strip_prefix(b"HTTP/1.0 "))?;
    let status = StatusCode::from_bytes(rest.get(..3)?).ok()?;
    // Most heads are a success: decided on the status line alone.
    if !(status.is_client_error() || status.is_server_error()) {
        return None;
    }
    let head_end = buf.windows(4).position(|w| w == b"\r\n\r\n")?;
    let head = buf[..head_end].to_ascii_lowercase();
    let ours = head.windows(23).any(|w| w == b"x-content-type-options:");
    (!ours).then_some(status)
}

fn reply(status: StatusCode, https: bool) -> Vec<u8> {
    let body = plain_error::page_in(status, &Lang::ALL);
    let mut head = format!(
        "HTTP/1.1 {} {}\r\ncontent-type: text/html; charset=utf-8\r\ncontent-length: {}\r\n\
         connection: close\r\ncache-control: no-store\r\ncontent-security-policy: default-src 'none'; \
         frame-ancestors 'none'; base-uri 'none'; form-action 'self'\r\n",
        status.as_u16(),
        status.canonical_reason().unwrap_or(""),
        body.len()
    );
    for (name, value) in super::SECURITY_HEADERS {
        head.push_str(&format!("{name}: {value}\r\n"));
    }
    if https {
        head.push_str(&format!("{}: {}\r\n", super::HSTS.0, super::HSTS.1));
    }
    head.push_str("\r\n");
    [head.into_bytes(), body.into_bytes()].concat()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_hypers_own_error_replies_are_replaced() {
        let bare = b"HTTP/1.1 431 Request Header Fields Too Large\r\ncontent-length: 0\r\ndate: x\r\n\r\n";
        assert_eq!(bare_error(bare), Some(StatusCode::REQUEST_HEADER_FIELDS_TOO_LARGE));
        let ours = b"HTTP/1.1 404 Not Found\r\nX-Content-Type-Options: nosniff\r\n\r\n<html>";
        assert_eq!(bare_error(ours), None);
        assert_eq!(bare_error(b"HTTP/1.1 200 OK\r\ncontent-length: 0\r\n\r\n"), None);
        assert_eq!(bare_error(b"<html>HTTP/1.1 400"), None);
        let page = String::from_utf8(reply(StatusCode::BAD_REQUEST, false)).unwrap();
        let (head, body) = page.split_once("\r\n\r\n").unwrap();
        assert!(head.contains(&format!("content-length: {}", body.len())));
        assert!(head.contains("x-content-type-options: nosniff") && body.contains("Yêu cầu không hợp lệ"));
        assert!(body.contains("The request could not be read"));
    }
}
