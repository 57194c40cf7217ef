//! Entry point of the web app (wasm32); natively it only explains itself.

#[cfg(target_arch = "wasm32")]
fn main() {
    ptce_map::app::start();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("ptce-map est une application web : construisez-la avec `trunk build --release` (voir README).");
}
