//! A test run killed midway leaves its throw-away PostgreSQL running; the next run clears it.

use rampart_server::cluster::LocalCluster;

#[test]
fn a_cluster_whose_process_died_is_stopped_and_removed_by_the_next_one() {
    let left = LocalCluster::temporary().expect("a throw-away cluster");
    let root = left.root().to_path_buf();
    let config = left.config("postgres", "postgres");
    // As if its process had been killed: nothing stops it, and its owner's lock is released.
    left.abandon();
    assert!(postgres::Client::connect(&config, postgres::NoTls).is_ok(), "the left cluster is still running");

    let next = LocalCluster::temporary().expect("the next cluster");
    assert!(!root.exists(), "the left cluster's folder is removed");
    assert!(postgres::Client::connect(&config, postgres::NoTls).is_err(), "and its server stopped");
    assert!(next.root().exists(), "the new cluster is untouched");
}

#[test]
fn a_cluster_whose_owner_still_holds_it_is_left_running() {
    let held = LocalCluster::temporary().expect("a throw-away cluster, its owner alive");
    rampart_server::cluster::sweep_orphans(held.root().parent().expect("the temporary folder"));
    assert!(held.root().exists(), "a live owner's cluster keeps its folder");
    let config = held.config("postgres", "postgres");
    assert!(postgres::Client::connect(&config, postgres::NoTls).is_ok(), "and its server keeps running");
}
