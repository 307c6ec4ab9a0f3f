//! The order of `server/`'s top-level modules: each uses only modules of
//! lower layers, so there is no cycle and no import upwards. A new module
//! gets a layer here; docs/architecture.md draws the same map.

const LAYERS: &[&[&str]] = &[
    // Foundations: no domain knowledge.
    &["error", "money", "dates", "text", "paging", "request"],
    // Email addresses as people type them, refused through `error`; sealing
    // with `SECRETS_KEY`, which the configuration reads.
    &["email", "secrets"],
    &["config"],
    // Where Bazaar delivers, what stores charge for it and the VAT prices
    // hold: priced the same for the cart, checkout and orders.
    &["shipping", "vat"],
    // Connections, integrations and the domain parts that need nothing else.
    &[
        "db",
        "redis",
        "telemetry",
        "media",
        "live",
        "mail",
        "payments",
        "webhooks",
        "audit",
        "catalog",
        "cart",
    ],
    // What every request shares: pools, clients and caches.
    &["state"],
    // Keeping every node's storefront caches in step with the database.
    &["accounts", "orders", "storefront"],
    &["stores", "seed"],
    &["seller"],
    // Entry points.
    &["admin", "http"],
    // The integration API, which reuses the machine routes' limiter.
    &["api"],
];

/// The top-level modules named after `crate::` in `source`, including each
/// item of a `crate::{…}` group; the crate root's re-exports count as the
/// modules they come from.
fn uses(source: &str) -> Vec<String> {
    let mut found = Vec::new();
    let mut rest = source;
    while let Some(at) = rest.find("crate::") {
        rest = &rest[at + "crate::".len()..];
        if let Some(group) = rest.strip_prefix('{') {
            let mut depth = 1;
            let mut item_start = true;
            for (i, c) in group.char_indices() {
                match c {
                    '{' => depth += 1,
                    '}' => depth -= 1,
                    ',' if depth == 1 => item_start = true,
                    c if item_start && depth == 1 && (c.is_alphabetic() || c == '_') => {
                        found.push(identifier(&group[i..]));
                        item_start = false;
                    }
                    _ => {}
                }
                if depth == 0 {
                    break;
                }
            }
        } else {
            found.push(identifier(rest));
        }
    }
    found
        .into_iter()
        .map(|name| match name.as_str() {
            "Result" | "Error" | "Problem" | "Problems" | "UniqueRefusal" => "error".to_owned(),
            "AppState" => "state".to_owned(),
            "Config" => "config".to_owned(),
            _ => name,
        })
        .collect()
}

fn identifier(text: &str) -> String {
    text.chars()
        .take_while(|c| c.is_alphanumeric() || *c == '_')
        .collect()
}

fn layer_of(module: &str) -> Option<usize> {
    LAYERS.iter().position(|layer| layer.contains(&module))
}

fn sources(path: &std::path::Path, into: &mut Vec<std::path::PathBuf>) {
    if path.is_dir() {
        for entry in std::fs::read_dir(path).unwrap() {
            sources(&entry.unwrap().path(), into);
        }
    } else if path.extension().is_some_and(|ext| ext == "rs") {
        into.push(path.to_owned());
    }
}

#[test]
fn every_module_uses_only_lower_layers() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut wrong = Vec::new();
    for entry in std::fs::read_dir(&root).unwrap() {
        let path = entry.unwrap().path();
        let module = path.file_stem().unwrap().to_str().unwrap().to_owned();
        if module == "lib" || module == "layers" {
            continue;
        }
        let Some(layer) = layer_of(&module) else {
            wrong.push(format!("`{module}` has no layer in server/src/layers.rs"));
            continue;
        };
        let mut files = Vec::new();
        sources(&path, &mut files);
        for file in files {
            let source = std::fs::read_to_string(&file).unwrap();
            for used in uses(&source) {
                if used == module || used == "secrecy" {
                    continue;
                }
                match layer_of(&used) {
                    Some(used_layer) if used_layer < layer => {}
                    _ => wrong.push(format!(
                        "{} uses `{used}`",
                        file.strip_prefix(&root).unwrap().display()
                    )),
                }
            }
        }
    }
    assert!(
        wrong.is_empty(),
        "imports against the layers:\n{}",
        wrong.join("\n")
    );
}

#[test]
fn groups_and_re_exports_are_read_as_modules() {
    let source = "use crate::{\n    AppState, Result,\n    orders::{self, details::{Order, load}},\n};\nlet x = crate::money::Money(1);";
    assert_eq!(uses(source), ["state", "error", "orders", "money"]);
}
