//! `#[anext::test]`: async test bodies on a fresh `LocalExecutor`, (its compile errors are `interop/tests/test_attr_ui.rs`).

use std::time::Duration;

#[anext::test]
async fn async_body_runs_to_completion() {
    let value = async { 21 }.await;
    assert_eq!(value * 2, 42);
}

#[anext::test]
async fn body_can_sleep_on_the_real_clock() {
    anext::time::sleep(Duration::from_millis(1)).await;
}

#[anext::test(virtual_time)]
async fn virtual_time_makes_an_hour_pass_at_once() {
    let start = anext::time::now().await;
    anext::time::sleep(Duration::from_secs(3600)).await;
    assert_eq!(anext::time::now().await - start, Duration::from_secs(3600));
}

#[anext::test(virtual_time, seed = 7)]
async fn options_combine_and_virtual_time_still_applies() {
    let start = anext::time::now().await;
    anext::time::sleep(Duration::from_secs(1)).await;
    assert_eq!(anext::time::now().await - start, Duration::from_secs(1));
}

#[anext::test]
async fn result_return_type_is_kept() -> Result<(), String> {
    let n: u32 = "5".parse().map_err(|e| format!("{e}"))?;
    assert_eq!(n, 5);
    Ok(())
}

#[anext::test]
#[should_panic(expected = "inside the async test")]
async fn other_attributes_are_kept() {
    panic!("inside the async test");
}

#[anext::test]
async fn body_may_borrow_locals_across_awaits() {
    let data = String::from("borrowed");
    let total = async { data.len() }.await;
    anext::yield_now().await;
    assert_eq!(total, 8);
    assert_eq!(data, "borrowed");
}

#[anext::test]
async fn body_can_take_the_executor_to_spawn_tasks(ex: &anext::exec::LocalExecutor) {
    let task = ex.spawn(async { 6 * 7 });
    assert_eq!(task.await.unwrap(), 42);
}

#[anext::test(virtual_time)]
async fn spawned_tasks_share_the_virtual_clock(ex: &anext::exec::LocalExecutor) {
    let sleeper = ex.spawn(anext::time::sleep(Duration::from_secs(60)));
    sleeper.await.unwrap();
    assert_eq!(ex.elapsed(), Duration::from_secs(60));
}
