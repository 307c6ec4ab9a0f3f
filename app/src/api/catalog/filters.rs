//! A listing's filters, read from and written to the query string, so a
//! filtered listing can be shared and works as a plain GET form.

use leptos_router::params::ParamsMap;
use serde::{Deserialize, Serialize};

/// Every filter as typed; blank means "any".
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Filters {
    pub q: String,
    pub category: String,
    pub store: String,
    pub material: String,
    pub price_min: String,
    pub price_max: String,
    pub in_stock: bool,
    pub sort: String,
    pub page: i64,
}

/// The sort orders, as the query string names them.
pub const SORTS: [&str; 5] = [
    "relevance",
    "newest",
    "price_asc",
    "price_desc",
    "best_selling",
];

impl Filters {
    pub fn from_query(query: &ParamsMap) -> Self {
        let text = |key: &str| {
            query
                .get(key)
                .map(|v| v.trim().to_owned())
                .unwrap_or_default()
        };
        Self {
            q: text("q"),
            category: text("category"),
            store: text("store"),
            material: text("material"),
            price_min: text("price_min"),
            price_max: text("price_max"),
            in_stock: query
                .get("in_stock")
                .is_some_and(|v| v == "1" || v == "on" || v == "true"),
            sort: text("sort"),
            page: query
                .get("page")
                .and_then(|p| p.parse().ok())
                .filter(|p| *p >= 1)
                .unwrap_or(1),
        }
    }

    /// The query string (with `?`, or empty) for these filters, leaving out
    /// `fixed`, the filter the page's path already says.
    pub fn query_string(&self, fixed: &str) -> String {
        let mut pairs = form_urlencoded::Serializer::new(String::new());
        let mut any = false;
        let mut add = |key: &str, value: &str| {
            if !value.is_empty() && key != fixed {
                pairs.append_pair(key, value);
                any = true;
            }
        };
        add("q", &self.q);
        add("category", &self.category);
        add("store", &self.store);
        add("material", &self.material);
        add("price_min", &self.price_min);
        add("price_max", &self.price_max);
        add("in_stock", if self.in_stock { "1" } else { "" });
        add("sort", &self.sort);
        let page = if self.page > 1 {
            self.page.to_string()
        } else {
            String::new()
        };
        add("page", &page);
        let query = pairs.finish();
        if any {
            format!("?{query}")
        } else {
            String::new()
        }
    }

    /// The filters that narrow the results (not the order or the page), in
    /// the form's order, leaving out `fixed`.
    pub fn active(&self, fixed: &str) -> Vec<&'static str> {
        [
            ("q", !self.q.is_empty()),
            ("category", !self.category.is_empty()),
            ("store", !self.store.is_empty()),
            ("material", !self.material.is_empty()),
            ("price_min", !self.price_min.is_empty()),
            ("price_max", !self.price_max.is_empty()),
            ("in_stock", self.in_stock),
        ]
        .into_iter()
        .filter(|&(key, set)| set && key != fixed)
        .map(|(key, _)| key)
        .collect()
    }

    pub fn on_page(&self, page: i64) -> Self {
        Self {
            page,
            ..self.clone()
        }
    }

    /// These filters less one (and back to the first page).
    pub fn without(&self, key: &str) -> Self {
        let mut filters = self.on_page(1);
        match key {
            "q" => filters.q.clear(),
            "category" => filters.category.clear(),
            "store" => filters.store.clear(),
            "material" => filters.material.clear(),
            "price_min" => filters.price_min.clear(),
            "price_max" => filters.price_max.clear(),
            "in_stock" => filters.in_stock = false,
            _ => {}
        }
        filters
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn active_filters_leave_out_order_page_and_the_fixed_filter() {
        let filters = Filters {
            q: "wool".into(),
            category: "knitwear".into(),
            in_stock: true,
            sort: "price_asc".into(),
            page: 3,
            ..Filters::default()
        };
        assert_eq!(filters.active(""), ["q", "category", "in_stock"]);
        assert_eq!(filters.active("category"), ["q", "in_stock"]);
        assert!(Filters::default().active("").is_empty());
    }

    #[test]
    fn query_strings_round_trip_and_leave_out_blanks_and_the_fixed_filter() {
        let filters = Filters {
            q: "wool scarf".into(),
            category: "knitwear".into(),
            price_max: "40".into(),
            in_stock: true,
            page: 2,
            ..Filters::default()
        };
        let query = filters.query_string("");
        assert_eq!(
            query,
            "?q=wool+scarf&category=knitwear&price_max=40&in_stock=1&page=2"
        );
        let parsed: ParamsMap = query
            .trim_start_matches('?')
            .split('&')
            .map(|pair| pair.split_once('=').unwrap())
            .map(|(k, v)| (k.to_owned(), v.replace('+', " ")))
            .collect();
        assert_eq!(Filters::from_query(&parsed), filters);
        assert_eq!(
            filters.query_string("category"),
            "?q=wool+scarf&price_max=40&in_stock=1&page=2"
        );
        assert_eq!(
            filters.without("q").query_string(""),
            "?category=knitwear&price_max=40&in_stock=1"
        );
        assert_eq!(Filters::default().query_string(""), "");
    }
}
