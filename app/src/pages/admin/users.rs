//! `/admin/users` and `/admin/users/{id}`: accounts, their roles and status.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

use super::AdminNav;
use crate::{
    api::{
        admin::{
            Listing, forms,
            users::{
                AdminUserResend, AdminUserRole, AdminUserStatus, AdminUserTwoStepReset, ROLES,
                UserView, admin_user, admin_users,
            },
        },
        flash::take_flash,
    },
    components::{
        error_view::ErrorView,
        list_page::{ListFilters, ListTable, NoMatch, Pages, page_number},
    },
    forms::{Feedback, FormStatus, Submit, feedback},
};

const FILTERS: &[&str] = &["q", "role", "status"];

#[component]
pub fn AdminUsersPage() -> impl IntoView {
    let query = use_query_map();
    let read = move || {
        query.with(|q| {
            (
                q.get("q").unwrap_or_default(),
                q.get("role").unwrap_or_default(),
                q.get("status").unwrap_or_default(),
                page_number(q),
            )
        })
    };
    let list = Resource::new(read, |(text, role, status, page)| {
        admin_users(text, role, status, page)
    });
    // Shown with the data only: a refused visitor gets the error page alone.
    let header = move || {
        view! {
            <h1>"Users"</h1>
            <AdminNav />
            <ListFilters label="Find users">
                <div class="field">
                    <label for="users-q">"Email or name"</label>
                    <input id="users-q" class="input" type="search" name="q" value=move || read().0 />
                </div>
                <div class="field">
                    <label for="users-role">"Role"</label>
                    <select id="users-role" class="input" name="role">
                        <option value="">"Any role"</option>
                        {ROLES.into_iter().map(|role| view! {
                            <option value=role selected=move || read().1 == role>{role_label(role)}</option>
                        }).collect_view()}
                    </select>
                </div>
                <div class="field">
                    <label for="users-status">"Status"</label>
                    <select id="users-status" class="input" name="status">
                        <option value="">"Any status"</option>
                        {["active", "deactivated"].into_iter().map(|status| view! {
                            <option value=status selected=move || read().2 == status>{status_label(status)}</option>
                        }).collect_view()}
                    </select>
                </div>
            </ListFilters>
        }
    };
    view! {
        <Title text="Users · Platform admin" />
        <section class="container section stack">
            <Transition fallback=|| view! { <p class="loading">"Loading users…"</p> }>
                {move || Suspend::new(async move {
                    match list.await {
                        Ok(list) => view! { {header()} <UserTable list /> }.into_any(),
                        Err(error) => view! { <ErrorView error /> }.into_any(),
                    }
                })}
            </Transition>
        </section>
    }
}

#[component]
fn UserTable(list: Listing<UserView>) -> impl IntoView {
    view! {
        <ListTable
            rows=list.rows
            columns=&["Email", "Name", "Roles", "Store", "Status", "Two-step", "Joined"]
            count=format!("{} accounts", list.total)
            labelled_by="users-count"
            pages=Pages { path: "/admin/users", keys: FILTERS, page: list.page, page_count: list.page_count }
            empty=|| view! { <NoMatch message="No account matches." all_href="/admin/users" all_label="Show every account" /> }
            row=|user: UserView| view! {
                <tr data-testid="user-row">
                    <td><a href=format!("/admin/users/{}", user.id)>{user.email.clone()}</a></td>
                    <td>{user.name}</td>
                    <td>{user.roles.iter().map(|role| role_label(role)).collect::<Vec<_>>().join(", ")}</td>
                    <td>{user.store.unwrap_or_default()}</td>
                    <td>{account_status(&user.status, user.verified)}</td>
                    <td>{two_step_label(user.two_step)}</td>
                    <td>{user.joined}</td>
                </tr>
            }
        />
    }
}

#[component]
pub fn AdminUserPage() -> impl IntoView {
    let params = use_params_map();
    let id = move || params.with(|p| p.get("id").and_then(|id| id.parse::<i64>().ok()));
    let role = ServerAction::<AdminUserRole>::new();
    let status = ServerAction::<AdminUserStatus>::new();
    let resend = ServerAction::<AdminUserResend>::new();
    let reset = ServerAction::<AdminUserTwoStepReset>::new();
    let last_sent = RwSignal::new(Sent::Role);
    Effect::new(move || {
        if role.input().with(Option::is_some) {
            last_sent.set(Sent::Role);
        }
    });
    Effect::new(move || {
        if status.input().with(Option::is_some) {
            last_sent.set(Sent::Status);
        }
    });
    Effect::new(move || {
        if resend.input().with(Option::is_some) {
            last_sent.set(Sent::Resend);
        }
    });
    Effect::new(move || {
        if reset.input().with(Option::is_some) {
            last_sent.set(Sent::TwoStepReset);
        }
    });
    let user = Resource::new(
        move || {
            (
                id(),
                role.version().get()
                    + status.version().get()
                    + resend.version().get()
                    + reset.version().get(),
            )
        },
        |(id, _)| async move {
            match id {
                Some(id) => admin_user(id).await,
                None => Err(crate::error::AppError::NotFound),
            }
        },
    );
    let flash = Resource::new(|| (), |_| take_flash(forms::USER.into()));
    view! {
        <section class="container section stack">
            <p><a href="/admin/users">"All users"</a></p>
            <Transition fallback=|| view! { <p class="loading">"Loading the account…"</p> }>
                {move || Suspend::new(async move {
                    let flash = flash.await.ok().flatten();
                    match user.await {
                        Ok(user) => {
                            // The answer of the form sent last.
                            let answer = Signal::derive(move || match last_sent.get() {
                                Sent::Role => role.value().get(),
                                Sent::Status => status.value().get(),
                                Sent::Resend => resend.value().get(),
                                Sent::TwoStepReset => reset.value().get(),
                            });
                            let feedback = feedback(answer, flash);
                            view! { <Account user feedback role status resend reset /> }.into_any()
                        }
                        Err(error) => view! { <ErrorView error /> }.into_any(),
                    }
                })}
            </Transition>
        </section>
    }
}

/// Which of the account page's forms was sent last.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Sent {
    Role,
    Status,
    Resend,
    TwoStepReset,
}

#[component]
fn Account(
    user: UserView,
    feedback: Signal<Feedback>,
    role: ServerAction<AdminUserRole>,
    status: ServerAction<AdminUserStatus>,
    resend: ServerAction<AdminUserResend>,
    reset: ServerAction<AdminUserTwoStepReset>,
) -> impl IntoView {
    let id = user.id.to_string();
    let (reactivate_id, resend_id, reset_id) = (id.clone(), id.clone(), id.clone());
    let active = user.status == "active";
    view! {
        <Title text=format!("{} · Users · Platform admin", user.email) />
        <h1>{user.email.clone()}</h1>
        <dl class="details">
            <dt>"Name"</dt><dd>{if user.name.is_empty() { "—".to_owned() } else { user.name.clone() }}</dd>
            <dt>"Status"</dt><dd data-testid="user-status">{account_status(&user.status, user.verified)}</dd>
            <dt>"Joined"</dt><dd>{user.joined.clone()}</dd>
            <dt>"Store"</dt><dd>{user.store.clone().unwrap_or_else(|| "—".into())}</dd>
            <dt>"Signed in on"</dt><dd>{format!("{} devices", user.open_sessions)}</dd>
            <dt>"Two-step sign-in"</dt><dd data-testid="user-two-step">{two_step_label(user.two_step)}</dd>
        </dl>
        <FormStatus feedback />
        <section class="stack" aria-labelledby="roles-heading">
            <h2 id="roles-heading">"Roles"</h2>
            <ul class="plain stack">
                {ROLES.into_iter().map(|name| {
                    let held = user.roles.iter().any(|r| r == name);
                    let own_admin = held && name == "admin" && user.is_you;
                    view! {
                        <li class="card" data-testid=format!("role-{name}")>
                            <RoleForm id=id.clone() name held own_admin feedback action=role />
                        </li>
                    }
                }).collect_view()}
            </ul>
        </section>
        <section class="stack" aria-labelledby="access-heading">
            <h2 id="access-heading">"Access"</h2>
            {if active {
                view! { <Deactivate id=id.clone() is_you=user.is_you feedback action=status /> }.into_any()
            } else {
                view! {
                    <ActionForm action=status attr:class="card">
                        <input type="hidden" name="id" value=reactivate_id />
                        <input type="hidden" name="active" value="true" />
                        <Submit label="Reactivate the account" pending=status.pending().into() />
                    </ActionForm>
                }
                .into_any()
            }}
            {(!user.verified && active).then(|| view! {
                <ActionForm action=resend attr:class="card">
                    <input type="hidden" name="id" value=resend_id />
                    <p>"This address is not confirmed yet."</p>
                    <Submit label="Resend the verification mail" pending=resend.pending().into() class="button" />
                </ActionForm>
            })}
            {(user.two_step && !user.is_you).then(|| view! { <ResetTwoStep id=reset_id feedback action=reset /> })}
        </section>
    }
}

/// Grants a role the account lacks, or removes one it holds after the
/// confirmation box is ticked.
#[component]
fn RoleForm(
    id: String,
    name: &'static str,
    held: bool,
    own_admin: bool,
    feedback: Signal<Feedback>,
    action: ServerAction<AdminUserRole>,
) -> impl IntoView {
    let pending: Signal<bool> = action.pending().into();
    let confirm_field = format!("confirm-{name}");
    let problem = Signal::derive(move || feedback.with(|f| f.problem(&confirm_field)));
    let confirm_id = format!("role-{name}-confirm");
    view! {
        <ActionForm action attr:class="toolbar">
            <input type="hidden" name="id" value=id />
            <input type="hidden" name="role" value=name />
            <input type="hidden" name="grant" value=(!held).to_string() />
            <strong class="grow">
                {role_label(name)}
                {if held { " — held" } else { " — not held" }}
            </strong>
            {if !held {
                view! { <Submit label="Grant" pending class="button" /> }.into_any()
            } else if own_admin {
                view! { <span class="muted">"Your own admin role; another admin can remove it."</span> }.into_any()
            } else {
                view! {
                    <div class="field" class:field--invalid=move || problem.get().is_some()>
                        <label for=confirm_id.clone()>
                            <input id=confirm_id.clone() type="checkbox" name="confirm" value="yes" />
                            " Confirm removing"
                        </label>
                        {move || problem.get().map(|message| view! { <p class="field__error">{message}</p> })}
                    </div>
                    <Submit label="Remove" pending class="button button--danger" />
                }
                .into_any()
            }}
        </ActionForm>
    }
}

#[component]
fn Deactivate(
    id: String,
    is_you: bool,
    feedback: Signal<Feedback>,
    action: ServerAction<AdminUserStatus>,
) -> impl IntoView {
    if is_you {
        return view! { <p class="muted">"This is your own account."</p> }.into_any();
    }
    let problem = move || feedback.with(|f| f.problem("confirm-deactivate"));
    view! {
        <ActionForm action attr:class="stack card" attr:aria-labelledby="deactivate-heading">
            <h3 id="deactivate-heading">"Deactivate"</h3>
            <input type="hidden" name="id" value=id />
            <input type="hidden" name="active" value="false" />
            <div class="field" class:field--invalid=move || problem().is_some()>
                <label>
                    <input type="checkbox" name="confirm" value="yes" />
                    " I understand the account is signed out everywhere and cannot sign in"
                </label>
                {move || problem().map(|message| view! { <p class="field__error">{message}</p> })}
            </div>
            <Submit label="Deactivate the account" pending=action.pending().into() class="button button--danger" />
        </ActionForm>
    }
    .into_any()
}

/// Turns off the second step of a person locked out of it, once the
/// confirmation is ticked.
#[component]
fn ResetTwoStep(
    id: String,
    feedback: Signal<Feedback>,
    action: ServerAction<AdminUserTwoStepReset>,
) -> impl IntoView {
    let problem = move || feedback.with(|f| f.problem("confirm-two-step"));
    view! {
        <ActionForm action attr:class="stack card" attr:aria-labelledby="reset-two-step-heading">
            <h3 id="reset-two-step-heading">"Reset two-step sign-in"</h3>
            <p>"For a person who lost both their authenticator app and their recovery codes. Make sure it is really them first."</p>
            <input type="hidden" name="id" value=id />
            <div class="field" class:field--invalid=move || problem().is_some()>
                <label>
                    <input type="checkbox" name="confirm" value="yes" />
                    " I checked who is asking; sign them out everywhere and turn their second step off"
                </label>
                {move || problem().map(|message| view! { <p class="field__error">{message}</p> })}
            </div>
            <Submit label="Reset two-step sign-in" pending=action.pending().into() class="button button--danger" />
        </ActionForm>
    }
}

fn two_step_label(on: bool) -> &'static str {
    if on { "On" } else { "Off" }
}

fn role_label(role: &str) -> &'static str {
    match role {
        "customer" => "Customer",
        "seller" => "Seller",
        "admin" => "Admin",
        _ => "Other",
    }
}

fn status_label(status: &str) -> &'static str {
    match status {
        "active" => "Active",
        "deactivated" => "Deactivated",
        _ => "Other",
    }
}

fn account_status(status: &str, verified: bool) -> String {
    match (status, verified) {
        ("active", false) => "Active, email not confirmed".into(),
        (status, _) => status_label(status).into(),
    }
}
