//! The embedded portal's storage: sqlx over SQLite (default, WAL) or Postgres, same SQL.

mod together;
mod wal;

pub use together::{Bind, Statement};

use crate::portal::types::Procedure;
use sqlx::{any::AnyPoolOptions, pool::PoolConnection, Any, AnyConnection, AnyPool, Connection, Executor, Row};
use std::ops::{Deref, DerefMut};
use std::path::Path;
use std::{fmt, sync::Arc};
use tokio::sync::{Mutex, MutexGuard, Semaphore, SemaphorePermit};

pub type StoreResult<T> = Result<T, String>;

/// The embedded portal's database: PostgreSQL's pool, or SQLite's connections held open.
/// SQLite writes one transaction at a time, and sqlx runs each SQLite connection on its own
/// thread, one statement at a time:
/// - one connection writes. With several, a writer that found the database locked slept in
///   SQLite's busy handler (1, 2, 5 … 100 ms steps): submissions had a p99 of ~400 ms at 50
///   connections. One connection makes every write wait its turn in a fair queue instead, for
///   microseconds. (Nothing holds a transaction while it asks for another connection.)
/// - a few connections read and cannot write (`query_only`). In WAL mode a reader never waits
///   for the writer, so status pages and draft reads no longer queue behind each other on the
///   one connection: 2,250–2,680 → 3,100–3,590 status pages a second at 200 connections (A/B
///   runs on two cores). A read sees every committed write.
///
/// SQLite's connections are held, not pooled: sqlx pings a pooled connection each time it goes
/// back to the pool, from a task of its own, which cost every statement two more hand-offs to
/// the connection's thread and kept the one writer from the next write until that task had run
/// (A/B, step saves at 200 connections, three pairs: 6,538–6,742 → 7,284–7,411 a second, 37%
/// fewer context switches). A SQLite connection has no network to lose, and runs its commands
/// in order, so a statement abandoned half-way is done (or rolled back) before the next starts.
#[derive(Clone, Debug)]
pub struct Db(Inner);

#[derive(Clone, Debug)]
enum Inner {
    Pool(AnyPool),
    Held(Arc<Held>),
}

struct Held {
    url: String,
    writer: Mutex<AnyConnection>,
    readers: Vec<Mutex<AnyConnection>>,
    /// One permit per reader: whoever holds one finds a reader free. One fair queue for all
    /// readers: with a queue per reader, a request could wait behind a busy one while another
    /// stood free (A/B, status pages at 200 connections, two pairs: p99 76–84 → 31–38 ms).
    free_readers: Semaphore,
    /// Where one-statement writes wait to share a transaction ([`together`]).
    together: together::Queue,
}

impl fmt::Debug for Held {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Held {{ readers: {} }}", self.readers.len())
    }
}

/// A connection for a while: from the pool, or one of SQLite's held ones.
pub enum Conn<'a> {
    Pooled(PoolConnection<Any>),
    Held(MutexGuard<'a, AnyConnection>),
    /// A reader and its permit (fields drop in order: the reader is free before the permit is).
    Reading(MutexGuard<'a, AnyConnection>, SemaphorePermit<'a>),
}

impl Deref for Conn<'_> {
    type Target = AnyConnection;

    fn deref(&self) -> &AnyConnection {
        match self {
            Conn::Pooled(c) => c,
            Conn::Held(c) | Conn::Reading(c, _) => c,
        }
    }
}

impl DerefMut for Conn<'_> {
    fn deref_mut(&mut self) -> &mut AnyConnection {
        match self {
            Conn::Pooled(c) => c,
            Conn::Held(c) | Conn::Reading(c, _) => c,
        }
    }
}

impl Db {
    /// One pool for reads and writes: PostgreSQL's, or a test's own connection.
    pub fn one(pool: AnyPool) -> Db {
        Db(Inner::Pool(pool))
    }

    /// A connection that reads: on SQLite, the first reader free, waited for in turn.
    pub async fn reader(&self) -> Result<Conn<'_>, sqlx::Error> {
        let held = match &self.0 {
            Inner::Pool(pool) => return Ok(Conn::Pooled(pool.acquire().await?)),
            Inner::Held(held) => held,
        };
        let permit = held.free_readers.acquire().await.map_err(|_| sqlx::Error::PoolClosed)?;
        for reader in &held.readers {
            if let Ok(conn) = reader.try_lock() {
                return Ok(Conn::Reading(conn, permit));
            }
        }
        // Not reached: a permit is a reader free (each is locked only under a permit).
        Ok(Conn::Reading(held.readers[0].lock().await, permit))
    }

    /// The connection writes go through: on SQLite the one writer, waited for in turn.
    pub async fn writer(&self) -> Result<Conn<'_>, sqlx::Error> {
        match &self.0 {
            Inner::Pool(pool) => Ok(Conn::Pooled(pool.acquire().await?)),
            Inner::Held(held) => {
                let mut conn = held.writer.lock().await;
                // A caller cancelled inside `BEGIN` leaves the connection in a transaction that
                // nothing will end (sqlx counts it begun, but no `Transaction` was handed out to
                // roll it back), holding the write lock for good: a new connection replaces it,
                // and closing the old one rolls that transaction back.
                if conn.is_in_transaction() {
                    tracing::error!("the database writer was left inside a transaction: reconnecting");
                    *conn =
                        held_connection(&held.url, false).await.map_err(|e| sqlx::Error::Configuration(e.into()))?;
                }
                Ok(Conn::Held(conn))
            }
        }
    }

    /// Runs a write transaction to its end as a task of its own: a caller that goes away (a
    /// client hanging up) cannot leave it half-done on a connection.
    ///
    /// On SQLite the task runs on a thread of its own. Every statement is a hand-off to the
    /// connection's thread and back, and the write lock is held from `BEGIN IMMEDIATE` to the
    /// commit: on the web workers each way back waited behind the pages being rendered. On this
    /// thread nothing else waits in front of it (A/B, submissions at 200 connections: 2,270–2,315
    /// → 2,627–2,840 a second).
    pub async fn write_task<F>(&self, work: F) -> Result<F::Output, tokio::task::JoinError>
    where
        F: std::future::Future + Send + 'static,
        F::Output: Send + 'static,
    {
        match &self.0 {
            Inner::Held(_) => writer_thread().spawn(work).await,
            Inner::Pool(_) => tokio::spawn(work).await,
        }
    }
}

impl Db {
    /// Whether the database speaks SQLite's dialect (else PostgreSQL's).
    pub fn is_sqlite(&self) -> bool {
        match &self.0 {
            Inner::Held(_) => true,
            Inner::Pool(pool) => pool.connect_options().database_url.scheme() == "sqlite",
        }
    }

    /// One connection writes (SQLite): writers wait for each other, whatever the CPU.
    pub fn has_one_writer(&self) -> bool {
        matches!(self.0, Inner::Held(_))
    }
}

/// At most this many writes waiting for SQLite's writer share a transaction: enough to share a
/// commit among all that queue at 200 connections, few enough that the first of them does not
/// wait long for the last.
pub const MAX_GROUP: usize = 64;

/// On the writer's thread, hands every group of jobs waiting on `waiting` (up to [`MAX_GROUP`])
/// to `write`, until the queue closes or `write` has nothing to write with (`None`). A panic ends
/// only its group (its callers hear that it was not kept), never the queue; `what` names the
/// jobs in the log.
pub fn write_groups<J, W, F>(mut waiting: tokio::sync::mpsc::UnboundedReceiver<J>, what: &'static str, mut write: W)
where
    J: Send + 'static,
    W: FnMut(Vec<J>) -> Option<F> + Send + 'static,
    F: std::future::Future<Output = ()> + Send,
{
    use futures::FutureExt;
    writer_thread().spawn(async move {
        let mut group = Vec::with_capacity(MAX_GROUP);
        while waiting.recv_many(&mut group, MAX_GROUP).await > 0 {
            let Some(written) = write(std::mem::take(&mut group)) else { return };
            if std::panic::AssertUnwindSafe(written).catch_unwind().await.is_err() {
                tracing::error!("a group of {what} panicked and was not kept");
            }
        }
    });
}

/// The runtime of the writer thread, started on first use and kept for the life of the process.
fn writer_thread() -> &'static tokio::runtime::Handle {
    static WRITER: std::sync::OnceLock<tokio::runtime::Handle> = std::sync::OnceLock::new();
    WRITER.get_or_init(|| {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_time()
            .build()
            .expect("the database writer's runtime cannot start");
        let handle = runtime.handle().clone();
        std::thread::Builder::new()
            .name("db-writer".into())
            .spawn(move || runtime.block_on(std::future::pending::<()>()))
            .expect("the database writer's thread cannot start");
        handle
    })
}

/// Reader connections on SQLite: each is a thread, and two cores keep four busy.
const SQLITE_READERS: u32 = 4;

/// A pool on `url` whose schema is up to date: PostgreSQL's for the portal, and for tools and
/// tests that look into a portal's database.
pub async fn migrated_pool(url: &str) -> StoreResult<AnyPool> {
    sqlx::any::install_default_drivers();
    let url = sqlite_create_if_missing(url);
    let pool = open(&url, if url.starts_with("sqlite:") { 1 } else { 8 }, false).await?;
    MIGRATOR.run(&pool).await.map_err(|e| format!("cannot migrate the database: {e}"))?;
    Ok(pool)
}

static MIGRATOR: sqlx::migrate::Migrator = sqlx::migrate!("./migrations");

/// Opens the database and brings the schema up to date.
pub async fn connect(url: &str) -> StoreResult<Db> {
    if !url.starts_with("sqlite:") {
        return Ok(Db::one(migrated_pool(url).await?));
    }
    sqlx::any::install_default_drivers();
    let url = sqlite_create_if_missing(url);
    // Migrated on the writer itself: no pool is opened only to be closed.
    let mut writer = held_connection(&url, false).await?;
    MIGRATOR.run(&mut writer).await.map_err(|e| format!("cannot migrate the database: {e}"))?;
    let mut readers = Vec::new();
    for _ in 0..SQLITE_READERS {
        readers.push(Mutex::new(held_connection(&url, true).await?));
    }
    let free_readers = Semaphore::new(readers.len());
    let (queue, waiting) = tokio::sync::mpsc::unbounded_channel();
    let held = Arc::new(Held { url, writer: Mutex::new(writer), readers, free_readers, together: queue });
    wal::keep_short(Arc::downgrade(&held));
    together::start(Arc::downgrade(&held), waiting);
    Ok(Db(Inner::Held(held)))
}

/// One SQLite connection to `url`, set up as the pools' are.
async fn held_connection(url: &str, read_only: bool) -> StoreResult<AnyConnection> {
    let mut conn = AnyConnection::connect(url).await.map_err(|e| format!("cannot open the database {url}: {e}"))?;
    set_up(&mut conn, read_only).await.map_err(|e| format!("cannot set up the database {url}: {e}"))?;
    Ok(conn)
}

/// How long a SQLite connection waits for the write lock before failing (the checkpoint waits
/// less, then puts this back).
const BUSY_TIMEOUT_MS: u32 = 5000;

/// What every SQLite connection is told first. WAL lets readers run while a dossier is written;
/// busy_timeout waits for the writer instead of failing a citizen's request; `query_only` makes
/// a stray write on a reader fail loudly.
async fn set_up(conn: &mut AnyConnection, read_only: bool) -> Result<(), sqlx::Error> {
    if conn.backend_name().eq_ignore_ascii_case("sqlite") {
        conn.execute(
            format!("PRAGMA journal_mode=WAL; PRAGMA busy_timeout={BUSY_TIMEOUT_MS}; PRAGMA synchronous=NORMAL;")
                .as_str(),
        )
        .await?;
        if read_only {
            conn.execute("PRAGMA query_only=ON;").await?;
        }
    }
    Ok(())
}

/// A pool of `size` connections to `url`; `read_only` (SQLite) makes a stray write fail loudly.
async fn open(url: &str, size: u32, read_only: bool) -> StoreResult<AnyPool> {
    let sqlite = url.starts_with("sqlite:");
    AnyPoolOptions::new()
        .max_connections(size)
        // sqlx pings a connection on its way back to the pool anyway; pinging it again on the
        // way out costs each SQLite statement two more hand-offs to the connection's thread. A
        // PostgreSQL connection crosses a network that can drop it while idle: it keeps the test.
        .test_before_acquire(!sqlite)
        .after_connect(move |conn, _| Box::pin(set_up(conn, read_only)))
        .connect(url)
        .await
        .map_err(|e| format!("cannot open the database {url}: {e}"))
}

/// `sqlite://file.db` fails when the file does not exist yet; a fresh machine must just work.
fn sqlite_create_if_missing(url: &str) -> String {
    if url.starts_with("sqlite:") && !url.contains("mode=") && !url.contains(":memory:") {
        let sep = if url.contains('?') { '&' } else { '?' };
        if let Some(parent) = Path::new(url.trim_start_matches("sqlite://").split('?').next().unwrap_or("")).parent() {
            let _ = std::fs::create_dir_all(parent);
        }
        format!("{url}{sep}mode=rwc")
    } else {
        url.to_string()
    }
}

/// Fills an empty catalogue from the seed files (and the optional generated file).
pub async fn seed_if_empty(conn: &mut AnyConnection, data_dir: &Path, extra: Option<&Path>) -> StoreResult<()> {
    let count: i64 = sqlx::query("SELECT COUNT(*) FROM procedures")
        .fetch_one(&mut *conn)
        .await
        .map_err(|e| e.to_string())?
        .try_get(0)
        .map_err(|e| e.to_string())?;
    if count > 0 {
        return Ok(());
    }
    let catalogue = data_dir.join("catalogue");
    let mut procedures = read_seed_catalogue(&catalogue.join("procedures"))?;
    let popular: Vec<String> = read_json(&catalogue.join("popular.json"))?;
    let real = procedures.len();
    if let Some(extra) = extra {
        procedures.extend(read_json::<Vec<Procedure>>(extra)?);
    }
    let mut tx = conn.begin().await.map_err(|e| e.to_string())?;
    for (position, p) in procedures.iter().enumerate() {
        // Higher is more popular; procedures nobody listed as popular keep 0.
        let popularity = popular.iter().position(|c| *c == p.code).map_or(0, |i| (popular.len() - i) as i64);
        let body = serde_json::to_string(p).map_err(|e| e.to_string())?;
        // Two servers starting on one empty database (replicas, parallel tests) both seed: the
        // second one's rows wait for the first's and are then skipped, not an error.
        sqlx::query(
            "INSERT INTO procedures (code, position, popularity, synthetic, body) VALUES ($1, $2, $3, $4, $5) \
             ON CONFLICT (code) DO NOTHING",
        )
        .bind(p.code.clone())
        .bind(position as i64)
        .bind(popularity)
        .bind(i64::from(position >= real))
        .bind(body)
        .execute(&mut *tx)
        .await
        .map_err(|e| format!("cannot store procedure {}: {e}", p.code))?;
    }
    tx.commit().await.map_err(|e| e.to_string())
}

/// The whole catalogue in catalogue order, and the codes of the most used procedures first.
pub async fn load_catalogue(conn: &mut AnyConnection) -> StoreResult<(Vec<Procedure>, Vec<String>)> {
    let rows = sqlx::query("SELECT code, popularity, body FROM procedures ORDER BY position")
        .fetch_all(conn)
        .await
        .map_err(|e| e.to_string())?;
    let mut procedures = Vec::with_capacity(rows.len());
    let mut popular: Vec<(i64, String)> = Vec::new();
    for row in rows {
        let code: String = row.try_get("code").map_err(|e| e.to_string())?;
        let popularity: i64 = row.try_get("popularity").map_err(|e| e.to_string())?;
        let body: String = row.try_get("body").map_err(|e| e.to_string())?;
        let procedure: Procedure =
            serde_json::from_str(&body).map_err(|e| format!("stored procedure {code} is unreadable: {e}"))?;
        if popularity > 0 {
            popular.push((popularity, code));
        }
        procedures.push(procedure);
    }
    popular.sort_by_key(|(popularity, _)| std::cmp::Reverse(*popularity));
    Ok((procedures, popular.into_iter().map(|(_, c)| c).collect()))
}

/// Every `*.json` under `dir`, in file-name order so the catalogue order is stable.
pub fn read_seed_catalogue(dir: &Path) -> StoreResult<Vec<Procedure>> {
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .map_err(|e| format!("cannot read the catalogue in {}: {e}", dir.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    files.sort();
    let mut all = Vec::new();
    for file in files {
        all.extend(read_json::<Vec<Procedure>>(&file)?);
    }
    Ok(all)
}

pub fn read_json<T: serde::de::DeserializeOwned>(path: &Path) -> StoreResult<T> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    serde_json::from_str(&text).map_err(|e| format!("{} is not valid: {e}", path.display()))
}
