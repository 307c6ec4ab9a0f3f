//! `/robots.txt` and `/sitemap.xml`: what search engines may crawl, and every
//! public page worth crawling in each language, with absolute URLs built
//! from `APP_URL`.

use axum::{
    extract::State,
    http::header,
    response::{IntoResponse, Response},
};

use texts::Lang;

use crate::{AppState, Result};

/// Pages that are nobody's business but their visitor's, in every language.
const PRIVATE: &[&str] = &[
    "/account",
    "/seller",
    "/admin",
    "/cart",
    "/checkout",
    "/orders/",
];

pub async fn robots(State(state): State<AppState>) -> Response {
    let mut body = String::from("User-agent: *\nDisallow: /api/\n");
    for lang in Lang::ALL {
        for path in PRIVATE {
            body.push_str(&format!("Disallow: {}\n", lang.path(path)));
        }
    }
    body.push_str(&format!(
        "\nSitemap: {}/sitemap.xml\n",
        state.config.app_url
    ));
    ([(header::CONTENT_TYPE, "text/plain; charset=utf-8")], body).into_response()
}

pub async fn sitemap(State(state): State<AppState>) -> Result<Response> {
    // Slugs are `[a-z0-9-]` by constraint, so only the base needs escaping.
    let base = escape(&state.config.app_url);
    let paths = sqlx::query_scalar!(
        r#"SELECT '/p/' || p.slug AS "path!" FROM products p
             JOIN stores s ON s.id = p.store_id
             WHERE for_sale(p, s) AND p.price_from IS NOT NULL
           UNION ALL
           SELECT '/c/' || slug FROM categories WHERE status = 'approved'
           UNION ALL
           SELECT '/s/' || slug FROM stores WHERE status = 'active'"#
    )
    .fetch_all(&state.db)
    .await?;
    let mut xml = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n\
         <urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\" \
         xmlns:xhtml=\"http://www.w3.org/1999/xhtml\">\n",
    );
    // Each page once per language, naming its versions in the others.
    for path in std::iter::once("/".to_owned())
        .chain(std::iter::once("/products".to_owned()))
        .chain(paths)
    {
        let path = escape(&path);
        let alternates: String = Lang::ALL
            .into_iter()
            .map(|lang| {
                format!(
                    "<xhtml:link rel=\"alternate\" hreflang=\"{lang}\" href=\"{base}{}\"/>",
                    lang.path(&path)
                )
            })
            .collect();
        for lang in Lang::ALL {
            xml.push_str(&format!(
                "  <url><loc>{base}{}</loc>{alternates}</url>\n",
                lang.path(&path)
            ));
        }
    }
    xml.push_str("</urlset>\n");
    Ok((
        [(header::CONTENT_TYPE, "application/xml; charset=utf-8")],
        xml,
    )
        .into_response())
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
        .replace('\'', "&apos;")
}
