//! Root of the web app: loads the dataset, owns the one view state (mirrored
//! in the URL) and lays out the map beside the cards.

use std::sync::Arc;

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::components::{
    AppHeader, CardList, DetailPanel, EmbedDialog, FacetPanel, LoadNotice, MapView, NearMe,
    ResultsBar, SearchBox, StatsPanel, When,
};
use crate::i18n::{strings, Strings};
use crate::model::{DatasetReader, Skipped};
use crate::query::{distances_from, within_radius, Facet, FacetCounts, Filters, Index, SortOrder};
use crate::records::Records;
use crate::url_state::{dataset_file, Lang, ViewState};

/// The loaded dataset with its search index.
pub struct Loaded {
    /// Shared with the index, which folds their search text after the
    /// first cards are on screen.
    pub records: Arc<Records>,
    pub index: Index,
    pub skipped: Vec<Skipped>,
}

impl Loaded {
    pub fn position(&self, id: &str) -> Option<usize> {
        self.records.position(id)
    }
}

#[derive(Clone, PartialEq)]
pub enum LoadStatus {
    Loading,
    Failed(String),
    Ready,
}

/// The control that opened a PTCE's detail.
#[derive(Clone, PartialEq, Eq, Debug)]
pub enum Opener {
    Card(String),
    Marker(String),
}

/// Which pane a phone shows.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Pane {
    List,
    Map,
}

/// Shared app state; every component reads it from context.
#[derive(Clone, Copy)]
pub struct AppState {
    pub view: RwSignal<ViewState>,
    pub data: RwSignal<Option<Arc<Loaded>>>,
    pub status: RwSignal<LoadStatus>,
    pub hovered: RwSignal<Option<String>>,
    pub tiles_failed: RwSignal<bool>,
    pub pane: RwSignal<Pane>,
    /// How many cards the list shows (it grows by pages), and for which
    /// results (their `results_gen`): new results start again from the top.
    pub shown: RwSignal<(u64, usize)>,
    /// Filtered and sorted record positions.
    pub results: Memo<Vec<usize>>,
    /// Counts the changes of `results`.
    pub results_gen: StoredValue<u64>,
    /// The filters alone (search text and facets), derived from `view`.
    pub filters: Memo<Filters>,
    /// What opened the detail, to give focus back to it on close.
    pub opener: RwSignal<Option<Opener>>,
    /// The visitor's position, only after they asked ("Autour de moi"); never
    /// put in the URL.
    pub near: RwSignal<Option<(f64, f64)>>,
    pub radius_km: RwSignal<Option<u32>>,
    /// Distance of every record from `near`, in record order.
    pub distances: Memo<Option<Arc<Vec<f64>>>>,
    /// The "embed this map" dialog.
    pub embed_open: RwSignal<bool>,
    /// The search words are all indexed (see `fold_search_text`).
    pub search_ready: RwSignal<bool>,
    /// Text typed before they were: shown unfiltered, with a notice.
    pub search_pending: Memo<bool>,
    /// Counts of every facet's values under the other filters, computed in
    /// one pass for the six facet groups.
    pub facet_counts: Memo<Arc<FacetCounts>>,
    /// The language alone, so that what depends on it does not re-run on
    /// every other change of the view (markers are rebuilt only on this).
    pub lang_memo: Memo<Lang>,
    /// On a phone, the open detail put aside to show its PTCE on the map
    /// ("Voir sur la carte"): it stays selected, and comes back with the
    /// list. Any new selection brings the detail back.
    pub detail_aside: RwSignal<bool>,
    /// Where the phone's list was scrolled when the map was opened, and for
    /// which results (their `results_gen`).
    pub list_scroll: StoredValue<(f64, u64)>,
}

pub const PAGE: usize = 24;
/// Cards rendered in the task that changes the results (the data arriving,
/// a key typed, a filter): a phone screen holds three or four. The rest of
/// the page follows a frame later.
pub const FIRST_CARDS: usize = 6;

impl AppState {
    pub fn t(&self) -> &'static Strings {
        strings(self.lang_memo.get())
    }

    /// A label of the interface in the visitor's language, for a view: the
    /// same closure type for every label, so the wasm holds one copy of the
    /// code that shows one and follows the language, not one per label.
    pub fn text(
        self,
        pick: fn(&Strings) -> &'static str,
    ) -> impl Fn() -> &'static str + Copy + Send + Sync + 'static {
        move || pick(self.t())
    }

    pub fn lang(&self) -> Lang {
        self.lang_memo.get()
    }

    /// Clear every filter except those an embedding site locked.
    pub fn clear_filters(&self) {
        self.view.update(|v| {
            let kept: Vec<_> = v
                .locked
                .iter()
                .map(|f| (*f, v.filters.values(*f).to_vec()))
                .collect();
            v.filters = Default::default();
            for (f, vals) in kept {
                v.filters.set(f, vals);
            }
        });
        crate::leaflet::reset_user_moved();
    }

    pub fn select(&self, id: Option<String>) {
        self.detail_aside.set(false);
        self.view.update(|v| v.selected = id);
    }

    /// The phone's map pane. The map opens with the search at the top of
    /// the screen; the list will come back where it was left.
    pub fn show_map(&self) {
        let win = window();
        let scrolled = win.scroll_y().unwrap_or(0.0);
        if self.pane.get_untracked() == Pane::List {
            self.list_scroll
                .set_value((scrolled, self.results_gen.get_value()));
        }
        self.pane.set(Pane::Map);
        crate::leaflet::invalidate_size();
        let layout = win
            .document()
            .and_then(|d| d.query_selector(".layout").ok().flatten());
        if let Some(layout) = layout {
            win.scroll_to_with_x_and_y(0.0, scrolled + layout.get_bounding_client_rect().top());
        }
    }

    /// The phone's list pane, back where it was left unless the results
    /// changed meanwhile (then from their start).
    pub fn show_list(&self) {
        let from_map = self.pane.get_untracked() == Pane::Map;
        self.pane.set(Pane::List);
        if from_map {
            // Once the list is laid out again: the page is short until then.
            let (scrolled, gen) = self.list_scroll.get_value();
            let y = if gen == self.results_gen.get_value() {
                scrolled
            } else {
                0.0
            };
            request_animation_frame(move || window().scroll_to_with_x_and_y(0.0, y));
        }
    }
}

/// The media query of the phone layout (list or map, one at a time): the
/// breakpoint of `style/main.css`.
pub const NARROW_SCREEN: &str = "(max-width: 900px)";

pub fn window() -> web_sys::Window {
    web_sys::window().expect("window")
}

pub fn location_query() -> String {
    window().location().search().unwrap_or_default()
}

/// `Effect::new` for an effect that keeps nothing between its runs, compiled
/// once: the closure is boxed, so every such effect shares one copy of the
/// effect's machinery instead of carrying its own.
pub fn effect(f: impl Fn() + 'static) {
    let f: Box<dyn Fn()> = Box::new(f);
    Effect::new(move |_| f());
}

/// A button's click handler, boxed into one type: every button shares one
/// copy of the code that attaches a handler, instead of one per button.
pub fn on_click(f: impl Fn() + 'static) -> Box<dyn FnMut(web_sys::MouseEvent)> {
    Box::new(move |_| f())
}

/// A form control's change or input handler, boxed into one type, as
/// [`on_click`] does for buttons.
pub fn on_event(f: impl Fn(web_sys::Event) + 'static) -> Box<dyn FnMut(web_sys::Event)> {
    Box::new(f)
}

/// Run `f` in a task of its own after the next paint: how the load splits its
/// work so that what is on screen shows first and no task runs long.
pub fn after_paint(f: impl FnOnce() + 'static) {
    request_animation_frame(move || set_timeout(f, std::time::Duration::ZERO));
}

fn now_ms() -> f64 {
    window().performance().map_or(0.0, |p| p.now())
}

/// Timings read by the benchmark (`scripts/bench.mjs`) from
/// `window.__ptceTimings`; writing them costs nothing measurable.
fn record_timing(key: &str, ms: f64) {
    let w = window();
    let obj = js_sys::Reflect::get(&w, &"__ptceTimings".into())
        .ok()
        .filter(|v| v.is_object())
        .unwrap_or_else(|| {
            let o: wasm_bindgen::JsValue = js_sys::Object::new().into();
            let _ = js_sys::Reflect::set(&w, &"__ptceTimings".into(), &o);
            o
        });
    let _ = js_sys::Reflect::set(&obj, &key.into(), &ms.into());
}

/// Keep only what the data knows, so a stale link still opens a view.
fn clean(mut st: ViewState, data: &Loaded) -> ViewState {
    st.retain_known(
        |f: Facet, v: &str| data.index.label(f, v).is_some(),
        |id| data.position(id).is_some(),
    );
    st
}

/// A promise settled in a later task: what follows runs after the browser
/// has had its turn (input, painting). A message to oneself, not a timer:
/// browsers make chained zero-delay timers wait at least 4 ms each.
async fn next_task() {
    let promise = js_sys::Promise::new(&mut |resolve, _| match web_sys::MessageChannel::new() {
        Ok(channel) => {
            channel.port1().set_onmessage(Some(&resolve));
            let _ = channel.port2().post_message(&wasm_bindgen::JsValue::NULL);
        }
        Err(_) => {
            let _ = window().set_timeout_with_callback(&resolve);
        }
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}

/// Runs `step` in slices of at most [`SLICE_MS`], the first in the current
/// task and each other in its own, until it says it is done; `step` gets a
/// clock to stop at. Returns the time spent working, without the pauses
/// between slices. (A small file is read in one slice, with no pause.)
async fn in_slices(mut step: impl FnMut(&dyn Fn() -> bool) -> bool) -> f64 {
    let mut work = 0.0;
    loop {
        let t0 = now_ms();
        let done = step(&|| now_ms() - t0 < SLICE_MS);
        work += now_ms() - t0;
        if done {
            return work;
        }
        next_task().await;
    }
}

/// Reads the dataset a slice at a time: a large file (10 000 records take a
/// second on a phone) never holds the page, which shows the build-time
/// directory meanwhile.
async fn read_dataset(bytes: Vec<u8>) -> Result<Loaded, String> {
    let started = now_ms();
    let mut reader = DatasetReader::for_records(bytes).map_err(|e| e.to_string())?;
    let mut work = now_ms() - started;
    // Finding the features of a large file is a task's worth already.
    if work > SLICE_MS / 2.0 {
        next_task().await;
    }
    work += in_slices(|go_on| reader.read_more(go_on)).await;
    let t0 = now_ms();
    let (records, skipped) = reader.finish_records();
    let records = Arc::new(records);
    let index = Index::deferred(Arc::clone(&records));
    let indexing = now_ms() - t0;
    work += indexing;
    record_timing("indexMs", indexing);
    // The work alone (what the benchmark compares) and from start to end.
    record_timing("parseIndexMs", work);
    record_timing("parseWallMs", now_ms() - started);
    Ok(Loaded {
        records,
        index,
        skipped,
    })
}

/// The directory rendered at build time stays on screen (and the app hidden
/// behind it, see `main.css`) until the app has cards or an error to show in
/// its place: the reader never sees an empty shell, and the first paint is
/// content even when the wasm starts before it.
fn replace_static_directory() {
    if let Some(el) = window()
        .document()
        .and_then(|d| d.get_element_by_id("static-directory"))
    {
        el.remove();
    }
}

/// Fetches and reads the dataset named by the address.
async fn fetch_and_read() -> Result<Loaded, String> {
    let url = format!(
        "data/{}",
        dataset_file(&location_query()).unwrap_or_else(|| "ptce.bin".into())
    );
    record_timing("fetchStartMs", now_ms());
    let bytes = crate::fetch::bytes(&url).await;
    record_timing("fetchedMs", now_ms());
    read_dataset(bytes?).await
}

/// Loads again (the "Réessayer" of a failed load).
fn reload(state: AppState) {
    state.status.set(LoadStatus::Loading);
    leptos::task::spawn_local(async move { show_loaded(state, fetch_and_read().await) });
}

/// Puts the loaded dataset (or why it failed) in the app's state.
fn show_loaded(state: AppState, parsed: Result<Loaded, String>) {
    match parsed {
        Ok(loaded) => {
            for s in &loaded.skipped {
                web_sys::console::warn_1(
                    &format!("PTCE ignoré (élément {}) : {}", s.index, s.reason).into(),
                );
            }
            let loaded = Arc::new(loaded);
            state.view.update(|v| *v = clean(v.clone(), &loaded));
            // On a large file, a key typed before the fold below begins
            // waits for it, as one typed during it does, instead of folding
            // every record at once: that held the page 0.7 s at 4x CPU for
            // 10 000 records. Not when the address brings a query, which the
            // first cards answer; nor on a small file, folded at once in a
            // few milliseconds.
            let query_at_load = state
                .view
                .with_untracked(|v| !crate::text::terms(&v.filters.text).is_empty());
            if !query_at_load && loaded.records.len() > FOLD_ON_KEY_MAX {
                loaded.index.begin_search();
            }
            state.search_ready.set(false);
            state.data.set(Some(loaded));
            state.status.set(LoadStatus::Ready);
            replace_static_directory();
            // Two frames on (the rest of the first page takes one), fold
            // the search text in short tasks, before the visitor is
            // likely to type (a query typed meanwhile waits for it, see
            // `search_pending`).
            after_paint(move || {
                after_paint(move || leptos::task::spawn_local(fold_search_text(state)))
            });
        }
        Err(e) => {
            web_sys::console::error_1(&format!("chargement des PTCE : {e}").into());
            state.status.set(LoadStatus::Failed(e));
            replace_static_directory();
        }
    }
}

/// Files up to this many records fold their search text at once when a key
/// is typed before their fold has begun (about 50 ms at 4x CPU).
const FOLD_ON_KEY_MAX: usize = 1000;

/// Longest a task reading the dataset or folding its search text runs: under
/// the 50 ms that makes a task "long", so a tap or a key is never held for
/// longer.
const SLICE_MS: f64 = 40.0;

/// Folds the search text a slice at a time, then lets a query typed
/// meanwhile filter (`search_ready`).
async fn fold_search_text(state: AppState) {
    let started = now_ms();
    let spent = in_slices(|go_on| {
        state.data.with_untracked(|d| {
            d.as_ref()
                .is_none_or(|d| d.index.prepare_search_step(go_on))
        })
    })
    .await;
    state.search_ready.set(true);
    record_timing("searchIndexMs", spent);
    let now = now_ms();
    record_timing("searchReadyMs", now - started);
    // Since navigation: the benchmark's "search ready", beside the first card.
    record_timing("searchReadyAt", now);
}

/// How long typing pauses before the address shows the text.
const URL_PAUSE: std::time::Duration = std::time::Duration::from_millis(300);

thread_local! {
    /// The address waiting for the typing to pause, and its timer.
    static PENDING_URL: std::cell::RefCell<Option<(Option<TimeoutHandle>, String)>> =
        const { std::cell::RefCell::new(None) };
}

/// Take the pending address, if any, and stop its timer.
fn take_pending_url() -> Option<String> {
    let (handle, url) = PENDING_URL.with(|p| p.borrow_mut().take())?;
    if let Some(h) = handle {
        h.clear();
    }
    Some(url)
}

fn replace_url(url: &str) {
    if let Ok(h) = window().history() {
        let _ = h.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(url));
    }
}

/// Write the address now if typing left it behind: for whatever reads
/// `location` (sharing, the embed code) and before a new history entry.
pub fn flush_url() {
    if let Some(url) = take_pending_url() {
        replace_url(&url);
    }
}

/// Mirror the view in the URL: discrete changes push a history entry (so
/// Back undoes them), typing replaces it once the typing pauses.
fn sync_url(state: AppState) {
    let last = StoredValue::new(ViewState::from_query(&location_query()));
    effect(move || {
        let v = state.view.get();
        if state.status.get() != LoadStatus::Ready {
            return;
        }
        let query = v.to_query();
        let current = location_query();
        if current.trim_start_matches('?') == query {
            last.set_value(v);
            return;
        }
        let only_text = last.with_value(|l| {
            let mut a = l.clone();
            a.filters.text.clone_from(&v.filters.text);
            a == v
        });
        let url = if query.is_empty() {
            window().location().pathname().unwrap_or_default()
        } else {
            format!("?{query}")
        };
        if only_text {
            // Typing: the results follow every key at once; the address
            // follows when the typing pauses (a history write costs a few
            // milliseconds, as much as filtering thousands of records).
            take_pending_url();
            let handle = set_timeout_with_handle(flush_url, URL_PAUSE).ok();
            PENDING_URL.with(|p| *p.borrow_mut() = Some((handle, url)));
        } else {
            // Keep the typed text in its own history entry before this one.
            flush_url();
            if let Ok(h) = window().history() {
                let _ = h.push_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&url));
            }
        }
        last.set_value(v);
    });
    let on_pop = wasm_bindgen::closure::Closure::<dyn Fn()>::new(move || {
        // Back wins over a pending write of the text being typed.
        take_pending_url();
        let st = ViewState::from_query(&location_query());
        let st = match state.data.get_untracked() {
            Some(d) => clean(st, &d),
            None => st,
        };
        state.view.set(st);
    });
    let _ = window().add_event_listener_with_callback("popstate", on_pop.as_ref().unchecked_ref());
    on_pop.forget();
}

#[component]
pub fn App(
    /// The dataset as read before the mount, or why it could not be (see
    /// [`start`]).
    first: Result<Loaded, String>,
) -> impl IntoView {
    let view = RwSignal::new(ViewState::from_query(&location_query()));
    let data: RwSignal<Option<Arc<Loaded>>> = RwSignal::new(None);
    let near = RwSignal::new(None::<(f64, f64)>);
    let radius_km = RwSignal::new(None::<u32>);
    let distances = Memo::new(move |_| {
        let origin = near.get()?;
        data.with(|d| {
            d.as_ref()
                .map(|d| Arc::new(distances_from(d.records.briefs(), origin)))
        })
    });
    // Narrow memos over the view: selecting a PTCE or switching language
    // must not recompute results and facet counts.
    let filters = Memo::new(move |_| view.with(|v| v.filters.clone()));
    let sort = Memo::new(move |_| view.with(|v| v.sort));
    let text = Memo::new(move |_| filters.with(|f| f.text.clone()));
    // A query typed while the search words are still being indexed in the
    // background (a large dataset, just loaded) waits for them: folding the
    // rest at once would hold the keystroke for seconds at 100 000 records.
    // Meanwhile the text filters nothing and the count says the search is
    // being prepared; a query present before the indexing starts (an
    // address with q=) is answered at once.
    let search_ready = RwSignal::new(false);
    let search_pending = Memo::new(move |_| {
        !search_ready.get()
            && !crate::text::terms(&text.get()).is_empty()
            && data.with(|d| d.as_ref().is_some_and(|d| d.index.search_started()))
    });
    let text_mask = Memo::new(move |_| {
        let t = text.get();
        let mask = data.with(|d| {
            d.as_ref()
                .map(|d| {
                    if search_pending.get() {
                        vec![true; d.index.len()]
                    } else {
                        d.index.text_mask(&t)
                    }
                })
                .unwrap_or_default()
        });
        Arc::new(mask)
    });
    let results_gen = StoredValue::new(0u64);
    let results = Memo::new(move |prev: Option<&Vec<usize>>| {
        let Some(d) = data.get() else {
            return Vec::new();
        };
        let dist = distances.get();
        let t0 = now_ms();
        let ids = filters.with(|f| {
            let order = sort.get();
            let mut ids = text_mask.with(|m| d.index.filter_ordered(f, m, order));
            if let Some(dist) = &dist {
                within_radius(&mut ids, dist, radius_km.get().map(f64::from));
                if order == SortOrder::Distance {
                    d.index.sort(&mut ids, order, &|i| dist.get(i).copied());
                }
            }
            ids
        });
        record_timing("filterMs", now_ms() - t0);
        if prev != Some(&ids) {
            results_gen.update_value(|g| *g += 1);
        }
        ids
    });
    let state = AppState {
        view,
        data,
        status: RwSignal::new(LoadStatus::Loading),
        hovered: RwSignal::new(None),
        tiles_failed: RwSignal::new(false),
        pane: RwSignal::new(Pane::List),
        shown: RwSignal::new((0, PAGE)),
        results,
        results_gen,
        filters,
        opener: RwSignal::new(None),
        near,
        radius_km,
        distances,
        embed_open: RwSignal::new(false),
        lang_memo: Memo::new(move |_| view.with(|v| v.lang)),
        detail_aside: RwSignal::new(false),
        list_scroll: StoredValue::new((0.0, 0)),
        search_ready,
        search_pending,
        facet_counts: Memo::new(move |_| {
            let counts = data.with(|d| {
                d.as_ref()
                    .map(|d| text_mask.with(|m| filters.with(|f| d.index.all_counts(f, m))))
            });
            Arc::new(counts.unwrap_or_default())
        }),
    };
    provide_context(state);
    show_loaded(state, first);
    sync_url(state);
    post_height_when_embedded(state);

    // <html lang> and the title follow the language.
    effect(move || {
        let lang = state.lang();
        if let Some(doc) = window().document() {
            if let Some(html) = doc.document_element() {
                let _ = html.set_attribute("lang", lang.code());
            }
            doc.set_title(state.t().app_title);
            if let Some(body) = doc.body() {
                let _ = body
                    .class_list()
                    .toggle_with_force("is-embed", state.view.with(|v| v.embed));
            }
        }
    });

    // What the first screen does not need (the map, the detail, the
    // dialogs) is built a frame after the first cards: until then the app
    // is hidden behind the build-time directory, and building these first
    // would only hold the data back.
    let later = RwSignal::new(false);
    effect(move || {
        if state.status.with(|s| *s != LoadStatus::Loading) && !later.get_untracked() {
            after_paint(move || later.set(true));
        }
    });

    view! {
        <a class="skip-link" href="#results">{state.text(|t| t.skip_to_results)}</a>
        <AppHeader/>
        <main class="layout" class:show-map=move || state.pane.get() == Pane::Map>
            <section class="sidebar" aria-labelledby="search-heading">
                <h2 id="search-heading" class="visually-hidden">{state.text(|t| t.filters)}</h2>
                <SearchBox/>
                <FacetPanel/>
            </section>
            <section class="results" id="results" tabindex="-1" aria-labelledby="results-heading">
                <h2 id="results-heading" class="visually-hidden">{state.text(|t| t.list_label)}</h2>
                <LoadNotice on_retry=move || reload(state)/>
                <ResultsBar/>
                // In the flow above the cards: built with them, or its
                // arrival would push them down.
                <NearMe/>
                <When when=move || state.view.with(|v| v.stats) fallback=|| view! { <CardList/> }>
                    <StatsPanel/>
                </When>
            </section>
            <When when=move || later.get()><MapView/></When>
            // Inside the main area, so that on a wide screen it covers the
            // filters and the cards only, never the footer's credits.
            <When when=move || later.get()><DetailPanel/></When>
        </main>
        <When when=move || later.get()><EmbedDialog/></When>
        <footer class="site-footer">
            <p>{state.text(|t| t.credits)}</p>
        </footer>
    }
}

/// In embed mode, tell the host page our height so its resize script can fit
/// the iframe (see public/embed-resize.js).
fn post_height_when_embedded(state: AppState) {
    let post = move || {
        if !state.view.with_untracked(|v| v.embed) {
            return;
        }
        let w = window();
        let Some(doc) = w.document() else { return };
        let height = doc.document_element().map_or(0, |e| e.scroll_height());
        let msg = js_sys::Object::new();
        let _ = js_sys::Reflect::set(&msg, &"type".into(), &"ptce-map:height".into());
        let _ = js_sys::Reflect::set(&msg, &"height".into(), &height.into());
        if let Ok(Some(parent)) = w.parent() {
            if parent != w {
                let _ = parent.post_message(&msg, "*");
            }
        }
    };
    effect(move || {
        state.status.track();
        state.results.track();
        state.view.with(|v| v.selected.clone());
        request_animation_frame(post);
    });
    let on_resize = wasm_bindgen::closure::Closure::<dyn Fn()>::new(post);
    let _ = window().add_event_listener_with_callback("resize", on_resize.as_ref().unchecked_ref());
    on_resize.forget();
}

pub fn start() {
    console_error_panic_hook::set_once();
    record_timing("startMs", now_ms());
    // The app is hidden behind the build-time directory until it has cards
    // to show, so it mounts once the dataset is read: the first cards are
    // built with the rest of the first screen, in one layout and paint,
    // instead of in a second pass after an empty shell. (Spawned with
    // wasm-bindgen's executor: Leptos's is set up by the mount.)
    wasm_bindgen_futures::spawn_local(async {
        let first = fetch_and_read().await;
        // The mount in a task of its own, not in the one that finished
        // reading: two tasks under 50 ms rather than one long one.
        next_task().await;
        let t0 = now_ms();
        leptos::mount::mount_to_body(move || view! { <App first=first/> });
        record_timing("mountMs", now_ms() - t0);
    });
}
