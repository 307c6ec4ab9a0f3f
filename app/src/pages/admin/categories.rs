//! `/admin/categories`: the category tree (create, rename, move, delete when
//! empty) and the categories sellers proposed, to approve or reject.

use leptos::prelude::*;
use leptos_meta::Title;

use super::AdminNav;
use crate::{
    api::{
        admin::{
            categories::{AdminCategory, CategoryView, admin_categories},
            forms,
        },
        flash::take_flash,
    },
    components::error_view::ErrorView,
    forms::{Feedback, Field, FormStatus, Submit, feedback},
};

#[component]
pub fn AdminCategoriesPage() -> impl IntoView {
    let act = ServerAction::<AdminCategory>::new();
    let tree = Resource::new(move || act.version().get(), |_| admin_categories());
    let flash = Resource::new(|| (), |_| take_flash(forms::CATEGORIES.into()));
    // Shown with the data only: a refused visitor gets the error page alone.
    let header = move || {
        view! {
            <h1>"Categories"</h1>
            <AdminNav />
        }
    };
    view! {
        <Title text="Categories · Platform admin" />
        <section class="container section stack">
            <Transition fallback=|| view! { <p class="loading">"Loading categories…"</p> }>
                {move || Suspend::new(async move {
                    let flash = flash.await.ok().flatten();
                    match tree.await {
                        Ok(tree) => {
                            let feedback = feedback(act.value(), flash);
                            view! { {header()} <Tree tree feedback act /> }.into_any()
                        }
                        Err(error) => view! { <ErrorView error /> }.into_any(),
                    }
                })}
            </Transition>
        </section>
    }
}

/// The feedback of one form of the page: the change it makes, on one row.
fn scoped(feedback: Signal<Feedback>, change: &'static str, id: String) -> Signal<Feedback> {
    Signal::derive(move || {
        feedback.with(|f| {
            let ours = f.value("change").as_deref() == Some(change)
                && f.value("id").unwrap_or_default() == id;
            if ours { f.clone() } else { Feedback::default() }
        })
    })
}

#[component]
fn Tree(
    tree: Vec<CategoryView>,
    feedback: Signal<Feedback>,
    act: ServerAction<AdminCategory>,
) -> impl IntoView {
    let pending: Signal<bool> = act.pending().into();
    let parents: Vec<(i64, String)> = tree
        .iter()
        .filter(|c| c.status == "approved")
        .map(|c| (c.id, format!("{}{}", "— ".repeat(c.depth as usize), c.name)))
        .collect();
    let proposals: Vec<CategoryView> = tree
        .iter()
        .filter(|c| c.status == "proposed")
        .cloned()
        .collect();
    let create = scoped(feedback, "create", String::new());
    let top_parents = parents.clone();
    let general = Signal::derive(move || {
        feedback.with(|f| Feedback {
            problems: f
                .problems
                .iter()
                .filter(|(field, _)| field.is_empty())
                .cloned()
                .collect(),
            notice: f.notice.clone(),
            ..Feedback::default()
        })
    });
    view! {
        <FormStatus feedback=general />
        <ActionForm action=act attr:class="stack card" attr:aria-labelledby="new-category-heading">
            <h2 id="new-category-heading">"New category"</h2>
            <input type="hidden" name="change" value="create" />
            <Field feedback=create name="name" label="Name" required=true form="new-category" />
            <ParentSelect id="new-category-parent".into() feedback=create parents=top_parents current=None />
            <Submit label="Add the category" pending />
        </ActionForm>
        <section class="stack" aria-labelledby="proposals-heading">
            <h2 id="proposals-heading">"Proposed by sellers"</h2>
            {if proposals.is_empty() {
                view! { <p class="empty">"No category waits for approval."</p> }.into_any()
            } else {
                view! {
                    <ul class="plain stack">
                        {proposals.into_iter().map(|category| {
                            let approve = format!("Approve “{}”", category.name);
                            let reject = format!("Reject “{}”", category.name);
                            let by = format!(
                                " proposed by {}, {} products",
                                category.proposed_by.unwrap_or_default(),
                                category.products
                            );
                            let (approve_id, reject_id) = (category.id.to_string(), category.id.to_string());
                            view! {
                            <li class="card toolbar" data-testid="proposal">
                                <span class="grow">
                                    <strong>{category.name.clone()}</strong>
                                    {by}
                                </span>
                                <ActionForm action=act>
                                    <input type="hidden" name="id" value=approve_id />
                                    <input type="hidden" name="change" value="approve" />
                                    <button class="button button--primary" type="submit">{approve}</button>
                                </ActionForm>
                                <ActionForm action=act>
                                    <input type="hidden" name="id" value=reject_id />
                                    <input type="hidden" name="change" value="reject" />
                                    <button class="button" type="submit">{reject}</button>
                                </ActionForm>
                            </li>
                            }
                        }).collect_view()}
                    </ul>
                }
                .into_any()
            }}
        </section>
        <section class="stack" aria-labelledby="tree-heading">
            <h2 id="tree-heading">"The tree"</h2>
            <ul class="plain category-tree">
                {tree.into_iter().filter(|c| c.status != "proposed").map(|category| view! {
                    <CategoryRow category feedback act parents=parents.clone() />
                }).collect_view()}
            </ul>
        </section>
    }
}

#[component]
fn CategoryRow(
    category: CategoryView,
    feedback: Signal<Feedback>,
    act: ServerAction<AdminCategory>,
    parents: Vec<(i64, String)>,
) -> impl IntoView {
    let pending: Signal<bool> = act.pending().into();
    let id = category.id.to_string();
    let rename = scoped(feedback, "rename", id.clone());
    let moved = scoped(feedback, "move", id.clone());
    let delete = scoped(feedback, "delete", id.clone());
    let has_problem = move || {
        [rename, moved, delete]
            .iter()
            .any(|f| f.with(|f| !f.problems.is_empty()))
    };
    let empty = category.products == 0 && category.children == 0;
    let name_id = format!("category-{id}-name");
    let name_problem = move || rename.with(|f| f.problem("name"));
    let confirm_problem = move || delete.with(|f| f.problem("confirm"));
    let (rename_id, move_id, delete_id) = (id.clone(), id.clone(), id.clone());
    let rename_label = format!("New name for “{}”", category.name);
    let delete_label = format!(" Confirm deleting “{}”", category.name);
    let parent_select_id = format!("category-{id}-parent");
    let initial_name = rename
        .with_untracked(|f| f.value("name"))
        .unwrap_or_else(|| category.name.clone());
    view! {
        <li
            class="category-tree__row"
            style=format!("--depth: {}", category.depth)
            data-testid="category-row"
        >
            <details open=has_problem>
                <summary>
                    <strong>{category.name.clone()}</strong>
                    <span class="muted">
                        {format!(" /c/{} · {} products", category.slug, category.products)}
                        {(category.status == "rejected").then_some(" · rejected")}
                    </span>
                </summary>
                <div class="stack category-tree__forms">
                    <ActionForm action=act attr:class="toolbar">
                        <input type="hidden" name="id" value=rename_id />
                        <input type="hidden" name="change" value="rename" />
                        <div class="field" class:field--invalid=move || name_problem().is_some()>
                            <label for=name_id.clone()>{rename_label}</label>
                            <input id=name_id.clone() class="input" name="name" required value=initial_name />
                            {move || name_problem().map(|message| view! { <p class="field__error">{message}</p> })}
                        </div>
                        <Submit label="Rename" pending class="button" />
                    </ActionForm>
                    <ActionForm action=act attr:class="toolbar">
                        <input type="hidden" name="id" value=move_id />
                        <input type="hidden" name="change" value="move" />
                        <ParentSelect
                            id=parent_select_id
                            feedback=moved
                            parents=parents.into_iter().filter(|(parent, _)| *parent != category.id).collect()
                            current=category.parent_id
                        />
                        <Submit label="Move" pending class="button" />
                    </ActionForm>
                    {if empty {
                        view! {
                            <ActionForm action=act attr:class="toolbar">
                                <input type="hidden" name="id" value=delete_id />
                                <input type="hidden" name="change" value="delete" />
                                <div class="field" class:field--invalid=move || confirm_problem().is_some()>
                                    <label>
                                        <input type="checkbox" name="confirm" value="yes" />
                                        {delete_label}
                                    </label>
                                    {move || confirm_problem().map(|message| view! { <p class="field__error">{message}</p> })}
                                </div>
                                <Submit label="Delete" pending class="button button--danger" />
                            </ActionForm>
                        }
                        .into_any()
                    } else {
                        view! { <p class="muted">"Only an empty category can be deleted."</p> }.into_any()
                    }}
                </div>
            </details>
        </li>
    }
}

/// The category to put another under, or the top of the tree.
#[component]
fn ParentSelect(
    id: String,
    feedback: Signal<Feedback>,
    parents: Vec<(i64, String)>,
    current: Option<i64>,
) -> impl IntoView {
    let problem = move || feedback.with(|f| f.problem("parent"));
    let chosen = feedback
        .with_untracked(|f| f.value("parent"))
        .unwrap_or_else(|| current.map(|c| c.to_string()).unwrap_or_default());
    view! {
        <div class="field" class:field--invalid=move || problem().is_some()>
            <label for=id.clone()>"Under"</label>
            <select id=id class="input" name="parent">
                <option value="" selected=chosen.is_empty()>"The top of the tree"</option>
                {parents.into_iter().map(|(parent, label)| {
                    let value = parent.to_string();
                    let selected = value == chosen;
                    view! { <option value=value selected=selected>{label}</option> }
                }).collect_view()}
            </select>
            {move || problem().map(|message| view! { <p class="field__error">{message}</p> })}
        </div>
    }
}
