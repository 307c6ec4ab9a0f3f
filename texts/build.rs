//! Reads the English messages and writes a constant per message id
//! (`nav-products` becomes `msg::NAV_PRODUCTS`), so code that names a message
//! English does not have fails to compile. Every other language must have
//! exactly the same ids, or the build stops here and names the difference.
//!
//! Every crate of the workspace depends on this one, so rebuilding it
//! rebuilds them all. Cargo tells two checkouts of Bazaar that build into the
//! same target directory apart only by file times: a checkout whose sources
//! are older than another checkout's artefacts would take those artefacts, the
//! browser bundle among them, as its own. `scripts/env.sh` names the checkout,
//! and a change of name rebuilds the workspace (dependencies stay shared).

use std::{collections::BTreeSet, env, fs, path::Path};

use fluent_syntax::{ast, parser};

const LANGUAGES: &[&str] = &["en", "fr", "de"];

fn ids(lang: &str) -> BTreeSet<String> {
    let dir = Path::new("locales").join(lang);
    println!("cargo:rerun-if-changed={}", dir.display());
    let mut ids = BTreeSet::new();
    let mut files: Vec<_> = fs::read_dir(&dir)
        .unwrap_or_else(|error| panic!("{}: {error}", dir.display()))
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "ftl"))
        .collect();
    files.sort();
    for file in files {
        println!("cargo:rerun-if-changed={}", file.display());
        let source = fs::read_to_string(&file).unwrap();
        let resource = parser::parse(source.as_str())
            .unwrap_or_else(|(_, errors)| panic!("{}: {errors:?}", file.display()));
        for entry in resource.body {
            if let ast::Entry::Message(message) = entry {
                let id = message.id.name.to_owned();
                assert!(ids.insert(id.clone()), "{}: `{id}` twice", file.display());
            }
        }
    }
    ids
}

fn main() {
    println!("cargo:rerun-if-env-changed=BAZAAR_CHECKOUT");
    let english = ids("en");
    for lang in &LANGUAGES[1..] {
        let other = ids(lang);
        let missing: Vec<_> = english.difference(&other).collect();
        let extra: Vec<_> = other.difference(&english).collect();
        assert!(
            missing.is_empty() && extra.is_empty(),
            "locales/{lang} lacks {missing:?} and has {extra:?} that English does not"
        );
    }
    let mut code =
        String::from("/// One constant per message, named after its id.\npub mod msg {\n");
    for id in &english {
        let name = id.replace('-', "_").to_uppercase();
        code.push_str(&format!(
            "    pub const {name}: super::Msg = super::Msg(\"{id}\");\n"
        ));
    }
    code.push_str(
        "\n    /// Every message, for the tests.\n    pub const ALL: &[super::Msg] = &[\n",
    );
    for id in &english {
        code.push_str(&format!(
            "        {},\n",
            id.replace('-', "_").to_uppercase()
        ));
    }
    code.push_str("    ];\n}\n");
    let out = Path::new(&env::var("OUT_DIR").unwrap()).join("msg.rs");
    fs::write(out, code).unwrap();
}
