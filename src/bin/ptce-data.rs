//! `ptce-data build` writes public/data/ptce.geojson and its compact twin
//! public/data/ptce.bin (what the app loads) from data/ptce/*.toml;
//! `ptce-data check` fails when a committed file differs from a fresh build;
//! `ptce-data synth N FILE` writes a synthetic dataset for benchmarks, as
//! GeoJSON or, for a FILE ending in `.bin`, compact.

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    use ptce_map::databuild::{
        build_records, inject_static, static_directory, to_geojson, Gazetteer,
    };
    use std::path::Path;
    use std::process::exit;
    use std::time::Instant;

    let args: Vec<String> = std::env::args().skip(1).collect();
    let out_path = Path::new("public/data/ptce.geojson");
    let compact_path = Path::new("public/data/ptce.bin");
    let centres_path = Path::new("public/basemap/departements.geojson");
    let build = || {
        let t = Instant::now();
        let modules = std::env::var("PTCE_NODE_MODULES").unwrap_or_else(|_| "node_modules".into());
        let gz = Gazetteer::load(Path::new(&modules)).unwrap_or_else(|e| {
            eprintln!("erreur : {e}");
            exit(2)
        });
        let records = build_records(Path::new("data/ptce"), &gz).unwrap_or_else(|errors| {
            for e in &errors {
                eprintln!("erreur : {e}");
            }
            eprintln!("{} erreur(s) ; rien n'a été écrit.", errors.len());
            exit(1)
        });
        let index = std::fs::read_to_string("index.html").expect("lecture de index.html");
        let index = inject_static(&index, &static_directory(&records)).unwrap_or_else(|e| {
            eprintln!("erreur : {e}");
            exit(1)
        });
        (
            to_geojson(&records),
            ptce_map::compact::encode(ptce_map::compact::in_name_order(&records)),
            index,
            gz.department_centres_geojson(),
            records.len(),
            t.elapsed(),
        )
    };
    match args.first().map(String::as_str) {
        Some("build") => {
            let (text, compact, index, centres, n, took) = build();
            std::fs::write(out_path, text).expect("écriture de public/data/ptce.geojson");
            std::fs::write(compact_path, compact).expect("écriture de public/data/ptce.bin");
            std::fs::write(centres_path, centres).expect("écriture des centres de départements");
            std::fs::write("index.html", index).expect("écriture de index.html");
            println!(
                "{n} PTCE écrits dans {}, {} et le répertoire statique de index.html en {:.0} ms",
                out_path.display(),
                compact_path.display(),
                took.as_secs_f64() * 1e3
            );
        }
        Some("check") => {
            let (text, compact, index, centres, n, took) = build();
            let committed = std::fs::read_to_string(out_path).unwrap_or_default();
            if committed != text
                || std::fs::read(compact_path).unwrap_or_default() != compact
                || std::fs::read_to_string(centres_path).unwrap_or_default() != centres
                || std::fs::read_to_string("index.html").unwrap_or_default() != index
            {
                eprintln!("{}, {} ou index.html diffère d'une construction fraîche : lancez `cargo run --bin ptce-data -- build`", out_path.display(), compact_path.display());
                exit(1);
            }
            println!(
                "{n} PTCE, {} et {} à jour ({:.0} ms)",
                out_path.display(),
                compact_path.display(),
                took.as_secs_f64() * 1e3
            );
        }
        Some("synth") => {
            let (Some(n), Some(file)) = (
                args.get(1).and_then(|n| n.parse::<usize>().ok()),
                args.get(2),
            ) else {
                eprintln!("usage : ptce-data synth N FICHIER");
                exit(2)
            };
            let records = ptce_map::synth::synthetic(n);
            let bytes = if file.ends_with(".bin") {
                ptce_map::compact::encode(ptce_map::compact::in_name_order(&records))
            } else {
                to_geojson(&records).into_bytes()
            };
            std::fs::write(file, bytes).expect("écriture du jeu synthétique");
            println!("{n} PTCE synthétiques écrits dans {file}");
        }
        Some("time") => {
            // Native timing of the app's load path (parse, then index), for
            // the benchmark's report; the browser figures come from bench.mjs.
            let Some(file) = args.get(1) else {
                eprintln!("usage : ptce-data time FICHIER");
                exit(2)
            };
            let bytes = std::fs::read(file).expect("lecture du fichier");
            // As the app does it: facets and sort keys first (the first
            // cards wait for them), the search text folded afterwards.
            let [mut split, mut parse, mut index, mut search, mut scan] =
                [(); 5].map(|_| Vec::new());
            let ms = |t: Instant| t.elapsed().as_secs_f64() * 1e3;
            for _ in 0..5 {
                // Finding the features is one task in the browser; reading
                // them is sliced.
                let t = Instant::now();
                let mut reader = ptce_map::model::DatasetReader::for_records(bytes.clone())
                    .expect("jeu de données");
                split.push(ms(t));
                reader.read_more(|| true);
                let (records, _) = reader.finish_records();
                parse.push(ms(t));
                let records = std::sync::Arc::new(records);
                let t = Instant::now();
                let ix = ptce_map::query::Index::deferred(std::sync::Arc::clone(&records));
                index.push(ms(t));
                let t = Instant::now();
                ix.prepare_search();
                search.push(ms(t));
                // A full scan per query, as the first letters typed cost.
                let t = Instant::now();
                for q in ["m", "mar", "marseille solidaire"] {
                    std::hint::black_box(ix.text_mask(q));
                }
                scan.push(ms(t) / 3.0);
                assert_eq!(ix.len(), records.len());
            }
            for v in [&mut split, &mut parse, &mut index, &mut search, &mut scan] {
                v.sort_by(f64::total_cmp);
            }
            println!(
                "{file}: {} Ko, analyse {:.1} ms (dont délimitation des éléments {:.1} ms), index {:.1} ms, texte de recherche {:.1} ms, recherche {:.2} ms (médianes de 5, natif)",
                bytes.len() / 1000,
                parse[2],
                split[2],
                index[2],
                search[2],
                scan[2]
            );
        }
        _ => {
            eprintln!("usage : ptce-data build | check | synth N FICHIER | time FICHIER");
            exit(2)
        }
    }
}

#[cfg(target_arch = "wasm32")]
fn main() {}
