use leptos::prelude::*;

/// Leptos's `Show`, compiled once. `Show` is generic over its condition and
/// its children, so each use carried its own copy of the memo, the children
/// and the switch between them; here the condition is a `Signal` and the
/// children are type-erased, and a use costs only its own closures.
#[component]
pub fn When(
    /// Shows the children while this is true.
    #[prop(into)]
    when: Signal<bool>,
    children: ChildrenFn,
    /// Shown while `when` is false; nothing by default.
    #[prop(optional, into)]
    fallback: ViewFn,
) -> impl IntoView {
    // Memoised, as in `Show`: the children are built again only when the
    // condition flips, not each time what it reads changes.
    let shown = Memo::new(move |_| when.get());
    move || match shown.get() {
        true => children(),
        false => fallback.run(),
    }
}
