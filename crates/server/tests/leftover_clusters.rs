//! A test run killed midway leaves its throw-away PostgreSQL running; the next run clears it.

use rampart_server::cluster::LocalCluster;

#[test]
fn a_cluster_whose_process_died_is_stopped_and_removed_by_the_next_one() {
    let left = LocalCluster::temporary().expect("a throw-away cluster");
    let root = left.root().to_path_buf();
    let config = left.config("postgres", "postgres");
    // As if its process had been killed: nothing stops it, and its owner is a process that ended.
    std::mem::forget(left);
    let mut gone = std::process::Command::new("true").spawn().expect("a short-lived process");
    let dead = gone.id();
    gone.wait().expect("it ends");
    std::fs::write(root.join("owner.pid"), dead.to_string()).expect("owner file");
    assert!(postgres::Client::connect(&config, postgres::NoTls).is_ok(), "the left cluster is still running");

    let next = LocalCluster::temporary().expect("the next cluster");
    assert!(!root.exists(), "the left cluster's folder is removed");
    assert!(postgres::Client::connect(&config, postgres::NoTls).is_err(), "and its server stopped");
    assert!(next.root().exists(), "the new cluster is untouched");
}
