//! `/seller/products/new` and `/seller/products/{id}`: a product's details,
//! options and variants, its images, and deleting it.

use leptos::{prelude::*, server_fn::ServerFn};
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

use crate::{
    api::{
        flash::take_flash,
        seller::{
            images::{ChangeImage, UploadImages},
            product_editor::{
                Editor, ImageFields, OPTION_SLOTS, SaveProduct, SavedProduct, VariantFields,
                preview_description, product_editor,
            },
            products::{DeleteProduct, forms},
        },
    },
    components::error_view::ErrorView,
    forms::{Feedback, Field, FormStatus, Submit, feedback},
    i18n::Lang,
};

#[component]
pub fn ProductEditorPage() -> impl IntoView {
    let params = use_params_map();
    // `/new` has no id; an id that is not a number matches no product (ids start at 1).
    let id = move || params.with(|p| p.get("id").map(|id| id.parse::<i64>().unwrap_or(0)));
    let save = ServerAction::<SaveProduct>::new();
    let change_image = ServerAction::<ChangeImage>::new();
    let editor = Resource::new(
        move || (id(), save.version().get(), change_image.version().get()),
        |(id, _, _)| product_editor(id),
    );
    let flashes = Resource::new(
        || (),
        |_| async {
            (
                take_flash(forms::PRODUCT.into()).await.ok().flatten(),
                take_flash(forms::IMAGES.into()).await.ok().flatten(),
                take_flash(forms::DELETE.into()).await.ok().flatten(),
            )
        },
    );
    view! {
        <section class="container section stack">
            <p><a href="/seller/products">"Back to products"</a></p>
            <Suspense fallback=|| view! { <p class="loading">"Loading the product…"</p> }>
                {move || Suspend::new(async move {
                    let (product_flash, images_flash, delete_flash) = flashes.await;
                    match editor.await {
                        Ok(editor) => view! {
                            <EditorView editor save change_image product_flash images_flash delete_flash />
                        }
                            .into_any(),
                        Err(error) => view! { <ErrorView error /> }.into_any(),
                    }
                })}
            </Suspense>
        </section>
    }
}

#[component]
fn EditorView(
    editor: Editor,
    save: ServerAction<SaveProduct>,
    change_image: ServerAction<ChangeImage>,
    product_flash: Option<Feedback>,
    images_flash: Option<Feedback>,
    delete_flash: Option<Feedback>,
) -> impl IntoView {
    let feedback = feedback(save.value(), product_flash);
    let product = editor.product.clone();
    let heading = product.as_ref().map_or_else(
        || "New product".to_owned(),
        |p| format!("Edit “{}”", p.title),
    );
    let text = |pick: fn(&SavedProduct) -> String| product.as_ref().map(pick).unwrap_or_default();
    let (slug, attributes) = (text(|p| p.slug.clone()), text(|p| p.attributes.clone()));
    let status = feedback
        .with_untracked(|f| f.value("status"))
        .or_else(|| product.as_ref().map(|p| p.status.clone()))
        .unwrap_or_else(|| "draft".into());
    let tax_class = feedback
        .with_untracked(|f| f.value("tax_class"))
        .or_else(|| product.as_ref().map(|p| p.tax_class.clone()))
        .unwrap_or_else(|| "standard".into());
    let category = feedback
        .with_untracked(|f| f.value("category_id"))
        .or_else(|| product.as_ref().map(|p| p.category_id.to_string()))
        .unwrap_or_default();
    let store_link = product
        .as_ref()
        .filter(|p| p.status == "published")
        .map(|p| view! { <p><a href=format!("/p/{}", p.slug)>"View in the store"</a></p> });
    let identity = product.as_ref().map(|p| (p.id, p.version));
    let for_variants = product.clone();
    let for_texts = product.clone();
    view! {
        <Title text=format!("{heading} · Seller admin") />
        <h1>{heading}</h1>
        {store_link}
        <ActionForm action=save attr:class="stack" attr:aria-label="Product details">
            <FormStatus feedback />
            {identity.map(|(id, version)| view! {
                <input type="hidden" name="id" value=id.to_string() />
                <input type="hidden" name="version" value=version.to_string() />
            })}
            <div class="card stack">
                <h2>"Details"</h2>
                <ProductTexts feedback product=for_texts />
                <Field
                    feedback
                    name="slug"
                    label="Address"
                    hint="The product lives at /p/this-address. Leave empty to make it from the title."
                    value=slug
                />
                <SelectField
                    feedback
                    name="category_id"
                    label="Category"
                    selected=category
                    options=std::iter::once((String::new(), "Choose a category".to_owned()))
                        .chain(editor.categories.iter().map(|c| (c.id.to_string(), c.label.clone())))
                        .collect()
                />
                <Field
                    feedback
                    name="new_category"
                    label="Or propose a new category"
                    hint="It goes under the category chosen above (or at the top). You can use it at once; shoppers see it once an admin approves it."
                />
                <Field
                    feedback
                    name="attributes"
                    label="Attributes"
                    kind="textarea"
                    hint="One per line, such as material: wool. Shoppers can filter by material."
                    value=attributes
                />
                <SelectField
                    feedback
                    name="status"
                    label="Status"
                    selected=status
                    options=[
                        ("draft", "Draft: only you see it"),
                        ("published", "Published: for sale"),
                        ("archived", "Archived: no longer sold"),
                    ]
                        .map(|(value, label)| (value.to_owned(), label.to_owned()))
                        .into()
                />
                <SelectField
                    feedback
                    name="tax_class"
                    label="VAT"
                    selected=tax_class
                    options=[
                        ("standard", "Standard rate of the buyer's country"),
                        ("reduced", "Reduced rate (books, food and the like)"),
                    ]
                        .map(|(value, label)| (value.to_owned(), label.to_owned()))
                        .into()
                />
            </div>
            <Variants feedback product=for_variants />
            <Submit label="Save product" pending=save.pending().into() />
        </ActionForm>
        {product.map(|p| view! {
            <Images product_id=p.id images=p.images change_image flash=images_flash />
            <DeleteSection product_id=p.id flash=delete_flash />
        })}
    }
}

/// The languages a product is written in, each with its title and
/// description field names. English, the default, is required.
const TEXT_LANGUAGES: [(Lang, &str, &str); 3] = [
    (Lang::En, "title", "description"),
    (Lang::Fr, "title_fr", "description_fr"),
    (Lang::De, "title_de", "description_de"),
];

const MARKDOWN_HINT: &str =
    "Markdown: **bold**, *italic*, lists with -, links as [text](https://…).";

/// Title and description, one tab per language once the page is hydrated;
/// without JavaScript every language shows, one after the other. The tab of
/// a refused field opens first.
#[component]
fn ProductTexts(feedback: Signal<Feedback>, product: Option<SavedProduct>) -> impl IntoView {
    let hydrated = RwSignal::new(false);
    Effect::new(move |_| hydrated.set(true));
    let has_problem = move |lang: Lang| {
        let (_, title, description) = TEXT_LANGUAGES[language_index(lang)];
        feedback.with(|f| f.problem(title).is_some() || f.problem(description).is_some())
    };
    let first_refused = TEXT_LANGUAGES
        .iter()
        .map(|(lang, ..)| *lang)
        .find(|lang| {
            feedback.with_untracked(|f| {
                let (_, title, description) = TEXT_LANGUAGES[language_index(*lang)];
                f.problem(title).is_some() || f.problem(description).is_some()
            })
        })
        .unwrap_or(Lang::En);
    let active = RwSignal::new(first_refused);
    let saved = move |lang: Lang| -> (String, String) {
        let Some(product) = &product else {
            return Default::default();
        };
        if lang == Lang::En {
            return (product.title.clone(), product.description.clone());
        }
        product
            .translations
            .iter()
            .find(|(code, _)| code == lang.code())
            .map(|(_, text)| (text.title.clone(), text.description.clone()))
            .unwrap_or_default()
    };
    let select = move |lang: Lang| {
        active.set(lang);
        #[cfg(feature = "hydrate")]
        if let Some(tab) = document().get_element_by_id(&format!("texts-tab-{}", lang.code())) {
            use wasm_bindgen::JsCast;
            if let Ok(tab) = tab.dyn_into::<web_sys::HtmlElement>() {
                let _ = tab.focus();
            }
        }
    };
    // Arrow keys move between the tabs, as in every tab list.
    let on_keydown = move |event: leptos::ev::KeyboardEvent| {
        let step = match event.key().as_str() {
            "ArrowRight" => 1,
            "ArrowLeft" => TEXT_LANGUAGES.len() - 1,
            _ => return,
        };
        event.prevent_default();
        let next = (language_index(active.get_untracked()) + step) % TEXT_LANGUAGES.len();
        select(TEXT_LANGUAGES[next].0);
    };
    view! {
        <div class="language-tabs stack">
            <div class="language-tabs__list" role="tablist" aria-label="Languages" hidden=move || !hydrated.get() on:keydown=on_keydown>
                {TEXT_LANGUAGES.map(|(lang, ..)| view! {
                    <button
                        type="button"
                        role="tab"
                        class="language-tabs__tab"
                        id=format!("texts-tab-{}", lang.code())
                        aria-controls=format!("texts-{}", lang.code())
                        aria-selected=move || (active.get() == lang).to_string()
                        tabindex=move || if active.get() == lang { "0" } else { "-1" }
                        on:click=move |_| select(lang)
                    >
                        {language_label(lang)}
                        {move || has_problem(lang).then(|| view! { <span class="language-tabs__problem">" (check)"</span> })}
                    </button>
                }).collect_view()}
            </div>
            {TEXT_LANGUAGES.map(|(lang, title_name, description_name)| {
                let (title, description) = saved(lang);
                let required = lang == Lang::En;
                let language = language_label(lang);
                view! {
                    <div
                        class="stack"
                        role=move || hydrated.get().then_some("tabpanel")
                        id=format!("texts-{}", lang.code())
                        aria-labelledby=move || hydrated.get().then(|| format!("texts-tab-{}", lang.code()))
                        hidden=move || hydrated.get() && active.get() != lang
                    >
                        <h3 class=move || hydrated.get().then_some("visually-hidden")>{language.clone()}</h3>
                        <Field
                            feedback
                            name=title_name
                            label=if required { "Title".to_owned() } else { format!("Title in {language}") }
                            hint=if required {
                                "Shoppers reading another language see it where the product has no title in theirs.".to_owned()
                            } else {
                                format!("Optional: shoppers reading {language} see it instead of the English title.")
                            }
                            value=title
                            // Once hydrated only while its tab shows: the
                            // server's refusal opens the tab otherwise.
                            required=Signal::derive(move || required && (!hydrated.get() || active.get() == lang))
                        />
                        <Field
                            feedback
                            name=description_name
                            label=if required { "Description".to_owned() } else { format!("Description in {language}") }
                            kind="textarea"
                            hint=if required { MARKDOWN_HINT.to_owned() } else { format!("Optional; empty shows the English description. {MARKDOWN_HINT}") }
                            value=description
                        />
                        {required.then(|| view! { <DescriptionPreview /> })}
                    </div>
                }
            }).collect_view()}
        </div>
    }
}

fn language_index(lang: Lang) -> usize {
    TEXT_LANGUAGES
        .iter()
        .position(|(other, ..)| *other == lang)
        .expect("every language has its texts")
}

/// The language's name in English, the seller admin's language.
fn language_label(lang: Lang) -> String {
    match lang {
        Lang::En => "English".into(),
        Lang::Fr => "French".into(),
        Lang::De => "German".into(),
    }
}

/// A select of `(value, label)` options with its problem shown next to it.
#[component]
fn SelectField(
    feedback: Signal<Feedback>,
    name: &'static str,
    label: &'static str,
    selected: String,
    options: Vec<(String, String)>,
) -> impl IntoView {
    let id = format!("field-{name}");
    let error_id = format!("{id}-error");
    let problem = move || feedback.with(|f| f.problem(name));
    view! {
        <div class="field" class:field--invalid=move || problem().is_some()>
            <label for=id.clone()>{label}</label>
            <select
                id=id.clone()
                name=name
                class="input"
                aria-invalid=move || problem().is_some().then_some("true")
                aria-describedby={
                    let error_id = error_id.clone();
                    move || problem().is_some().then(|| error_id.clone())
                }
            >
                {options.into_iter().map(|(value, text)| {
                    let chosen = value == selected;
                    view! { <option value=value selected=chosen>{text}</option> }
                }).collect_view()}
            </select>
            {move || problem().map(|message| view! { <p class="field__error" id=error_id.clone()>{message}</p> })}
        </div>
    }
}

/// The rendered description, fetched on request once the page is hydrated.
#[component]
fn DescriptionPreview() -> impl IntoView {
    let hydrated = RwSignal::new(false);
    Effect::new(move |_| hydrated.set(true));
    let preview = Action::new(|markdown: &String| preview_description(markdown.clone()));
    let show = move |_| {
        #[cfg(feature = "hydrate")]
        {
            use wasm_bindgen::JsCast;
            let text = document()
                .get_element_by_id("field-description")
                .and_then(|element| element.dyn_into::<web_sys::HtmlTextAreaElement>().ok())
                .map(|area| area.value())
                .unwrap_or_default();
            preview.dispatch(text);
        }
    };
    view! {
        <div class="preview" hidden=move || !hydrated.get()>
            <button class="button" type="button" on:click=show>
                {move || if preview.pending().get() { "Rendering…" } else { "Preview description" }}
            </button>
            {move || preview.value().get().map(|html| match html {
                Ok(html) => view! {
                    <div class="prose card" aria-live="polite" aria-label="Description preview" inner_html=html></div>
                }.into_any(),
                Err(error) => view! { <p class="alert alert--error">{error.to_string()}</p> }.into_any(),
            })}
        </div>
    }
}

/// A text input with a name built at run time, for the variant rows.
#[component]
fn Cell(
    feedback: Signal<Feedback>,
    name: String,
    label: String,
    value: String,
    #[prop(optional)] input_mode: Option<&'static str>,
) -> impl IntoView {
    let id = name.replace(['[', ']'], "-");
    let error_id = format!("{id}-error");
    let initial = feedback.with_untracked(|f| f.value(&name)).unwrap_or(value);
    let problem = {
        let name = name.clone();
        Signal::derive(move || feedback.with(|f| f.problem(&name)))
    };
    view! {
        <div class="field" class:field--invalid=move || problem.with(Option::is_some)>
            <label for=id.clone()>{label}</label>
            <input
                id=id.clone()
                name=name
                class="input"
                value=initial
                inputmode=input_mode
                aria-invalid=move || problem.with(Option::is_some).then_some("true")
                aria-describedby={
                    let error_id = error_id.clone();
                    move || problem.with(Option::is_some).then(|| error_id.clone())
                }
            />
            {move || problem.get().map(|message| view! { <p class="field__error" id=error_id.clone()>{message}</p> })}
        </div>
    }
}

/// Option names and one fieldset per variant, plus empty rows to add more.
#[component]
fn Variants(feedback: Signal<Feedback>, product: Option<SavedProduct>) -> impl IntoView {
    let mut option_names = product
        .as_ref()
        .map(|p| p.option_names.clone())
        .unwrap_or_default();
    option_names.resize(OPTION_SLOTS, String::new());
    let saved: Vec<VariantFields> = product.map(|p| p.variants).unwrap_or_default();
    // Rows typed before a refused save come back too.
    let typed_rows = feedback.with_untracked(|f| {
        f.values
            .iter()
            .filter_map(|(name, _)| {
                name.strip_prefix("variants[")?
                    .split(']')
                    .next()?
                    .parse::<usize>()
                    .ok()
            })
            .max()
            .map_or(0, |row| row + 1)
    });
    let rows = RwSignal::new((saved.len() + 1).max(2).max(typed_rows));
    let hydrated = RwSignal::new(false);
    Effect::new(move |_| hydrated.set(true));
    let option_label = {
        let option_names = option_names.clone();
        move |n: usize| match option_names[n].trim() {
            "" => format!("Option {}", n + 1),
            name => name.to_owned(),
        }
    };
    view! {
        <fieldset class="card stack">
            <legend>"Options"</legend>
            <p class="field__hint">"What the variants differ in, such as size or colour. Leave unused ones empty."</p>
            <div class="grid-3">
                {(0..OPTION_SLOTS).map(|n| view! {
                    <Cell
                        feedback
                        name=format!("option_names[{n}]")
                        label=format!("Option {} name", n + 1)
                        value=option_names[n].clone()
                    />
                }).collect_view()}
            </div>
        </fieldset>
        <section class="card stack" aria-labelledby="variants-heading">
            <h2 id="variants-heading">"Variants"</h2>
            <p class="field__hint">
                "Each variant has its own SKU, price and stock. Empty rows are ignored; save to get another empty row."
            </p>
            {move || feedback.with(|f| f.problem("variants")).map(|message| view! {
                <p class="field__error" role="alert">{message}</p>
            })}
            <For each=move || 0..rows.get() key=|row| *row let:row>
                {
                    let variant = saved.get(row).cloned().unwrap_or_default();
                    let field = move |name: &str| format!("variants[{row}][{name}]");
                    view! {
                        <fieldset class="variant-row">
                            <legend>{format!("Variant {}", row + 1)}</legend>
                            {variant.id.map(|id| view! { <input type="hidden" name=field("id") value=id.to_string() /> })}
                            <div class="grid-3">
                                <Cell feedback name=field("sku") label="SKU".into() value=variant.sku.clone() />
                                <Cell feedback name=field("price") label="Price (€)".into() value=variant.price.clone() input_mode="decimal" />
                                <Cell
                                    feedback
                                    name=field("compare_at_price")
                                    label="Compare-at price (€, optional)".into()
                                    value=variant.compare_at_price.clone()
                                    input_mode="decimal"
                                />
                                <Cell feedback name=field("stock") label="Stock".into() value=variant.stock.clone() input_mode="numeric" />
                                {(0..OPTION_SLOTS).map(|n| view! {
                                    <Cell
                                        feedback
                                        name=format!("variants[{row}][values][{n}]")
                                        label=option_label(n)
                                        value=variant.values.get(n).cloned().unwrap_or_default()
                                    />
                                }).collect_view()}
                            </div>
                            {variant.id.map(|_| view! {
                                <label class="choice">
                                    <input type="checkbox" name=field("remove") value="on" />
                                    <span>"Remove this variant when saving"</span>
                                </label>
                            })}
                        </fieldset>
                    }
                }
            </For>
            <button class="button" type="button" hidden=move || !hydrated.get() on:click=move |_| rows.update(|n| *n += 1)>
                "Add a variant"
            </button>
        </section>
    }
}

/// Uploading (drag and drop, or a plain file input), describing, ordering
/// and deleting the product's images.
#[component]
fn Images(
    product_id: i64,
    images: Vec<ImageFields>,
    change_image: ServerAction<ChangeImage>,
    flash: Option<Feedback>,
) -> impl IntoView {
    let feedback = feedback(change_image.value(), flash);
    let count = images.len();
    let dragging = RwSignal::new(false);
    let upload_url = <UploadImages as ServerFn>::url();
    let problem = move || feedback.with(|f| f.problem("images"));
    let on_drop = move |event: leptos::ev::DragEvent| {
        event.prevent_default();
        dragging.set(false);
        #[cfg(feature = "hydrate")]
        {
            use wasm_bindgen::JsCast;
            let files = event.data_transfer().and_then(|transfer| transfer.files());
            let input = document()
                .get_element_by_id("image-files")
                .and_then(|element| element.dyn_into::<web_sys::HtmlInputElement>().ok());
            if let (Some(files), Some(input)) = (files, input) {
                input.set_files(Some(&files));
            }
        }
    };
    view! {
        <section class="card stack" aria-labelledby="images-heading">
            <h2 id="images-heading">"Images"</h2>
            <FormStatus feedback />
            <form
                method="post"
                action=upload_url
                enctype="multipart/form-data"
                class="stack"
            >
                <input type="hidden" name="product_id" value=product_id.to_string() />
                <div
                    class="dropzone"
                    class:dropzone--active=move || dragging.get()
                    on:dragover=move |event: leptos::ev::DragEvent| {
                        event.prevent_default();
                        dragging.set(true);
                    }
                    on:dragleave=move |_| dragging.set(false)
                    on:drop=on_drop
                >
                    <label for="image-files">"Choose images, or drop them here"</label>
                    <p class="field__hint" id="image-files-hint">"JPEG, PNG or WebP, at most 10 MB and 40 megapixels each; up to 12 per product."</p>
                    <input
                        id="image-files"
                        type="file"
                        name="images"
                        multiple
                        accept="image/jpeg,image/png,image/webp"
                        aria-describedby=move || match problem() {
                            Some(_) => "image-files-hint image-files-error",
                            None => "image-files-hint",
                        }
                        aria-invalid=move || problem().is_some().then_some("true")
                    />
                    {move || problem().map(|message| view! {
                        <p class="field__error" id="image-files-error" role="alert">{message}</p>
                    })}
                </div>
                <button class="button button--primary" type="submit">"Upload"</button>
            </form>
            {(count == 0).then(|| view! { <p class="empty">"No images yet: products with photos sell better."</p> })}
            <ol class="image-list">
                {images.into_iter().enumerate().map(|(n, image)| view! {
                    <ImageItem product_id image position=n count change_image />
                }).collect_view()}
            </ol>
        </section>
    }
}

#[component]
fn ImageItem(
    product_id: i64,
    image: ImageFields,
    position: usize,
    count: usize,
    change_image: ServerAction<ChangeImage>,
) -> impl IntoView {
    let alt_id = format!("image-{}-alt", image.id);
    let hidden = move || {
        view! {
            <input type="hidden" name="product_id" value=product_id.to_string() />
            <input type="hidden" name="image_id" value=image.id.to_string() />
        }
    };
    let number = position + 1;
    let confirm_delete = move |event: leptos::ev::MouseEvent| {
        #[cfg(feature = "hydrate")]
        if !window()
            .confirm_with_message("Delete this image?")
            .unwrap_or(false)
        {
            event.prevent_default();
        }
        #[cfg(not(feature = "hydrate"))]
        let _ = event;
    };
    view! {
        <li class="image-item">
            <img src=image.thumbnail.clone() alt=image.alt.clone() width="100" height="100" loading="lazy" />
            <ActionForm action=change_image attr:class="image-item__alt">
                {hidden()}
                <input type="hidden" name="intent" value="alt" />
                <label for=alt_id.clone()>{format!("Image {number}: description for people who cannot see it")}</label>
                <input id=alt_id.clone() class="input" name="alt" value=image.alt.clone() maxlength="300" />
                <button class="button" type="submit">"Save description"</button>
            </ActionForm>
            <div class="toolbar">
                {(position > 0).then(|| view! {
                    <ActionForm action=change_image>
                        {hidden()}
                        <input type="hidden" name="intent" value="earlier" />
                        <button class="button" type="submit">{format!("Move image {number} earlier")}</button>
                    </ActionForm>
                })}
                {(position + 1 < count).then(|| view! {
                    <ActionForm action=change_image>
                        {hidden()}
                        <input type="hidden" name="intent" value="later" />
                        <button class="button" type="submit">{format!("Move image {number} later")}</button>
                    </ActionForm>
                })}
                <ActionForm action=change_image>
                    {hidden()}
                    <input type="hidden" name="intent" value="delete" />
                    <button class="button button--danger" type="submit" on:click=confirm_delete>{format!("Delete image {number}")}</button>
                </ActionForm>
            </div>
        </li>
    }
}

/// Deleting the product, after ticking a confirmation.
#[component]
fn DeleteSection(product_id: i64, flash: Option<Feedback>) -> impl IntoView {
    let delete = ServerAction::<DeleteProduct>::new();
    let feedback = feedback(delete.value(), flash);
    view! {
        <ActionForm action=delete attr:class="card stack danger-zone" attr:aria-labelledby="delete-heading">
            <h2 id="delete-heading">"Delete this product"</h2>
            <p>"A product that has been ordered is archived instead, so its orders stay complete."</p>
            <FormStatus feedback />
            <input type="hidden" name="id" value=product_id.to_string() />
            <label class="choice">
                <input type="checkbox" name="confirm" value="yes" required />
                <span>"Yes, delete this product"</span>
            </label>
            {move || feedback.with(|f| f.problem("confirm")).map(|message| view! { <p class="field__error">{message}</p> })}
            <Submit label="Delete product" pending=delete.pending().into() class="button button--danger" />
        </ActionForm>
    }
}
