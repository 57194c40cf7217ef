//! One component per file; each reads the shared `AppState` from context.

mod app_header;
mod card_list;
mod detail_panel;
mod embed_dialog;
mod export_buttons;
mod facet_group;
mod facet_panel;
mod load_notice;
mod map_legend;
mod map_view;
mod near_me;
mod ptce_card;
mod results_bar;
mod search_box;
mod share_buttons;

pub use app_header::AppHeader;
pub use card_list::CardList;
pub use detail_panel::DetailPanel;
pub use embed_dialog::EmbedDialog;
pub use export_buttons::ExportButtons;
pub use facet_group::FacetGroup;
pub use facet_panel::FacetPanel;
pub use load_notice::LoadNotice;
pub use map_legend::MapLegend;
pub use map_view::MapView;
pub use near_me::NearMe;
pub use ptce_card::PtceCard;
pub use results_bar::ResultsBar;
pub use search_box::SearchBox;
pub use share_buttons::ShareButtons;
