//! A PostgreSQL cluster of the server's own in a folder, from the Debian packages: for the
//! tests (thrown away after each), for `make server` and the load bench. Unix socket only,
//! fsync off. initdb refuses to run as root, so as root the cluster runs as `postgres`.

use std::fs;
use std::io;
use std::os::unix::fs::MetadataExt;
use std::path::{Path, PathBuf};
use std::process::Command;

use postgres::error::SqlState;

/// The roles team mode's schema grants to: the owner runs migrations, the server connects
/// as the application's account.
pub const OWNER_ROLE: &str = "rampart_owner";
pub const APP_ROLE: &str = "rampart_app";

pub struct LocalCluster {
    root: PathBuf,
    bin: PathBuf,
    run_as: Option<(u32, u32)>,
    /// Held so a throw-away cluster's folder goes when it does.
    _temp: Option<tempfile::TempDir>,
    /// A throw-away cluster's owner file, locked for as long as this process holds it: the
    /// system releases the lock when the process ends, however it ends.
    owner: Option<fs::File>,
}

fn failed(what: &str, out: &std::process::Output) -> io::Error {
    io::Error::other(format!("{what} failed: {}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr)))
}

/// The newest server binaries installed (`/usr/lib/postgresql/<version>/bin`), or
/// `$RAMPART_PG_BIN`.
fn server_bin() -> io::Result<PathBuf> {
    if let Some(dir) = std::env::var_os("RAMPART_PG_BIN") {
        return Ok(PathBuf::from(dir));
    }
    let mut found: Vec<(u32, PathBuf)> = fs::read_dir("/usr/lib/postgresql")?
        .filter_map(|e| e.ok())
        .filter_map(|e| Some((e.file_name().to_str()?.parse::<u32>().ok()?, e.path().join("bin"))))
        .filter(|(_, bin)| bin.join("initdb").exists())
        .collect();
    found.sort();
    found
        .pop()
        .map(|(_, bin)| bin)
        .ok_or_else(|| io::Error::new(io::ErrorKind::NotFound, "PostgreSQL is not installed (apt-get install postgresql)"))
}

/// The `postgres` system user's ids, when this process runs as root.
fn run_as() -> io::Result<Option<(u32, u32)>> {
    if fs::metadata("/proc/self")?.uid() != 0 {
        return Ok(None);
    }
    let passwd = fs::read_to_string("/etc/passwd")?;
    let line = passwd
        .lines()
        .find(|l| l.starts_with("postgres:"))
        .ok_or_else(|| io::Error::new(io::ErrorKind::NotFound, "no postgres user to run PostgreSQL as"))?;
    let parts: Vec<&str> = line.split(':').collect();
    let id =
        |i: usize| parts.get(i).and_then(|p| p.parse().ok()).ok_or_else(|| io::Error::other("unreadable postgres entry in /etc/passwd"));
    Ok(Some((id(2)?, id(3)?)))
}

/// Run as `postgres`, the server must be able to pass through every folder above its own.
fn reachable_by_others(root: &Path) -> io::Result<()> {
    for dir in root.ancestors().skip(1) {
        if fs::metadata(dir)?.mode() & 0o001 == 0 {
            return Err(io::Error::new(
                io::ErrorKind::PermissionDenied,
                format!("PostgreSQL runs as the postgres user, which cannot pass through {}; put the cluster in a folder it can reach (under /tmp, say)", dir.display()),
            ));
        }
    }
    Ok(())
}

fn chown_tree(path: &Path, uid: u32, gid: u32) -> io::Result<()> {
    std::os::unix::fs::chown(path, Some(uid), Some(gid))?;
    if path.is_dir() {
        for entry in fs::read_dir(path)? {
            chown_tree(&entry?.path(), uid, gid)?;
        }
    }
    Ok(())
}

impl LocalCluster {
    /// A cluster in a new temporary folder, removed with it. Throw-away clusters left behind
    /// by a process that died without dropping them (a test run killed midway) are stopped and
    /// removed first, so they do not pile up on a machine that runs the tests often.
    pub fn temporary() -> io::Result<LocalCluster> {
        sweep_orphans(&std::env::temp_dir());
        let temp = tempfile::Builder::new().prefix(TEMP_PREFIX).tempdir()?;
        let owner = fs::File::create(temp.path().join(OWNER_LOCK))?;
        owner.try_lock().map_err(io::Error::from)?;
        let mut cluster = LocalCluster::open(temp.path())?;
        cluster._temp = Some(temp);
        cluster.owner = Some(owner);
        Ok(cluster)
    }

    /// Leaves the cluster running and its folder in place, as a process killed midway would:
    /// for the test of the sweep.
    #[doc(hidden)]
    pub fn abandon(mut self) {
        drop(self.owner.take());
        std::mem::forget(self);
    }

    /// Starts the cluster in `root`, creating it the first time.
    pub fn open(root: &Path) -> io::Result<LocalCluster> {
        fs::create_dir_all(root)?;
        let root = root.canonicalize()?;
        let cluster = LocalCluster { root, bin: server_bin()?, run_as: run_as()?, _temp: None, owner: None };
        if let Some((uid, gid)) = cluster.run_as {
            reachable_by_others(&cluster.root)?;
            chown_tree(&cluster.root, uid, gid)?;
        }
        if !cluster.data().join("PG_VERSION").exists() {
            let data = cluster.data();
            cluster.run("initdb", &["-D", path_str(&data)?, "-U", "postgres", "-A", "trust", "-E", "UTF8", "--locale=C", "--no-sync"])?;
        }
        let options = format!(
            "-c fsync=off -c synchronous_commit=off -c full_page_writes=off -c listen_addresses='' -k {} -c max_connections=200",
            path_str(&cluster.root)?
        );
        let (data, log) = (cluster.data(), cluster.root.join("postgres.log"));
        cluster.run("pg_ctl", &["start", "-w", "-t", "60", "-D", path_str(&data)?, "-l", path_str(&log)?, "-o", &options])?;
        Ok(cluster)
    }

    /// The cluster's folder (its socket is there too).
    pub fn root(&self) -> &Path {
        &self.root
    }

    fn data(&self) -> PathBuf {
        self.root.join("data")
    }

    fn run(&self, tool: &str, args: &[&str]) -> io::Result<()> {
        let program = self.bin.join(tool);
        let out = match self.run_as {
            Some(_) => Command::new("runuser").args(["-u", "postgres", "--"]).arg(&program).args(args).current_dir(&self.root).output()?,
            None => Command::new(&program).args(args).current_dir(&self.root).output()?,
        };
        if !out.status.success() {
            return Err(failed(tool, &out));
        }
        Ok(())
    }

    /// A libpq connection string to `dbname` as `user`, over the cluster's socket.
    pub fn config(&self, user: &str, dbname: &str) -> String {
        format!("host={} port=5432 user={user} dbname={dbname}", self.root.display())
    }

    /// Creates the two roles (once) and an empty database owned by the owner role.
    pub fn create_database(&self, name: &str) -> Result<(), postgres::Error> {
        let mut admin = postgres::Client::connect(&self.config("postgres", "postgres"), postgres::NoTls)?;
        let exists =
            |e: &postgres::Error| matches!(e.code(), Some(c) if *c == SqlState::DUPLICATE_OBJECT || *c == SqlState::DUPLICATE_DATABASE);
        for sql in [
            format!("CREATE ROLE {OWNER_ROLE} LOGIN"),
            format!("CREATE ROLE {APP_ROLE} LOGIN"),
            format!("CREATE DATABASE {name} OWNER {OWNER_ROLE}"),
        ] {
            match admin.batch_execute(&sql) {
                Err(e) if !exists(&e) => return Err(e),
                _ => {}
            }
        }
        Ok(())
    }
}

const TEMP_PREFIX: &str = "rampart-pg-";
/// In a throw-away cluster's folder: locked by the process it belongs to. A lock, not a
/// process id, says whether the owner lives: test runs in separate PID namespaces can share a
/// temporary folder, where one's process ids mean nothing to the other.
const OWNER_LOCK: &str = "owner.lock";

/// Stops and removes the throw-away clusters in `dir` whose owning process is gone. Best
/// effort: whatever cannot be stopped or removed stays as it was. A folder without an owner
/// file, or whose owner still holds it (another test run at the same time), is left alone.
pub fn sweep_orphans(dir: &Path) {
    let Ok(entries) = fs::read_dir(dir) else { return };
    for entry in entries.flatten() {
        let path = entry.path();
        if !entry.file_name().to_string_lossy().starts_with(TEMP_PREFIX) {
            continue;
        }
        let Ok(owner) = fs::File::open(path.join(OWNER_LOCK)) else { continue };
        // Held from here until the folder is gone, so two sweeps never stop the same cluster.
        if owner.try_lock().is_err() {
            continue;
        }
        let orphan = LocalCluster {
            root: path.clone(),
            bin: match server_bin() {
                Ok(b) => b,
                Err(_) => return,
            },
            run_as: run_as().ok().flatten(),
            _temp: None,
            owner: Some(owner),
        };
        // Dropping it stops its server; then the folder can go.
        drop(orphan);
        let _ = fs::remove_dir_all(&path);
    }
}

fn path_str(path: &Path) -> io::Result<&str> {
    path.to_str().ok_or_else(|| io::Error::other(format!("{} is not UTF-8", path.display())))
}

impl LocalCluster {
    /// Stops the cluster's server; a server that was not running counts as stopped.
    fn stop(&self) -> io::Result<()> {
        let data = self.data();
        if !data.join("postmaster.pid").exists() {
            return Ok(());
        }
        // Immediate: nothing in a test or dev cluster needs a clean shutdown checkpoint.
        self.run("pg_ctl", &["stop", "-m", "immediate", "-w", "-D", path_str(&data)?])
    }
}

impl Drop for LocalCluster {
    fn drop(&mut self) {
        let _ = self.stop();
    }
}
