//! `#[anext::test(crate = "...")]` for a crate that depends on anext under another name
//! (issue 9, item 7c): the expansion names the crate through the given path, not `::anext`.

use renamed_anext::exec::{LocalExecutor, TestArgument};

#[renamed_anext::test(crate = "renamed_anext")]
async fn body_runs_through_the_renamed_crate() {
    renamed_anext::yield_now().await;
}

#[renamed_anext::test(crate = "::renamed_anext", virtual_time, timeout = "10s")]
async fn options_and_executor_argument_work_through_the_renamed_crate(ex: &LocalExecutor) {
    let task = ex.spawn_local(async { 7 });
    renamed_anext::time::sleep(std::time::Duration::from_secs(60)).await;
    assert_eq!(task.await.unwrap(), 7);
    assert_eq!(ex.elapsed(), std::time::Duration::from_secs(60));
}

/// The trait the expansion calls is public and named in the docs.
#[test]
fn test_argument_is_reachable_through_the_renamed_crate() {
    let executor = LocalExecutor::new();
    let ex: &LocalExecutor = TestArgument::from_executor(&executor);
    assert_eq!(ex.run(async { 3 }), 3);
}
