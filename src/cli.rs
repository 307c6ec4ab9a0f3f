//! Command-line interface: `serve`, `migrate`, `seed`, `stripe-emulator`,
//! `storage migrate`, `create-admin`.

use std::{io::IsTerminal, process::ExitCode};

use anyhow::{Context, bail};
use clap::{Parser, Subcommand};
use server::{
    AppState, Config,
    accounts::{Email, password, users},
    config::StorageSettings,
    db,
    media::{Storage, storage},
    seed, telemetry,
};

#[derive(Parser)]
#[command(name = "bazaar", version, about = "Bazaar, a multi-vendor marketplace")]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Subcommand)]
enum Command {
    /// Serve the marketplace (the default).
    Serve,
    /// Apply pending database migrations.
    Migrate,
    /// Fill the database with demo or benchmark data.
    Seed {
        /// The demo marketplace: categories, three stores, products and demo accounts.
        #[arg(long)]
        demo: bool,
        /// A synthetic catalog of this many products across fifty stores, and
        /// twenty order lines per product for one busy store (scale-store-1,
        /// owned by scale-seller@example.com).
        #[arg(long, value_name = "PRODUCTS")]
        scale: Option<i32>,
    },
    /// Run the payment emulator on its own, on `STRIPE_EMULATOR_ADDR`, for
    /// several nodes to share through `STRIPE_API_URL` (its webhooks go to
    /// `APP_URL`, the load balancer). Stops on Ctrl-C or SIGTERM.
    StripeEmulator,
    /// Uploaded files.
    Storage {
        #[command(subcommand)]
        command: StorageCommand,
    },
    /// Create an admin account, or make an existing account an admin.
    CreateAdmin {
        #[arg(long)]
        email: String,
        /// Set a new password for an existing account too.
        #[arg(long)]
        reset_password: bool,
    },
}

#[derive(Subcommand)]
enum StorageCommand {
    /// Copy every file from `STORAGE_URL` to another storage, such as
    /// `s3://bucket` (reached with the `S3_*` settings), skipping files
    /// already there: safe to run again. Point `STORAGE_URL` at the new
    /// storage afterwards.
    Migrate {
        /// Where to copy to: `s3://<bucket>` or `file://<folder>`.
        #[arg(long)]
        to: String,
    },
}

pub fn main() -> ExitCode {
    let cli = Cli::parse();
    let config = match Config::from_env() {
        Ok(config) => config,
        Err(error) => {
            eprintln!("bazaar: {error}");
            return ExitCode::FAILURE;
        }
    };
    telemetry::init(config.log_format);
    let runtime = match tokio::runtime::Runtime::new() {
        Ok(runtime) => runtime,
        Err(error) => {
            eprintln!("bazaar: cannot start the async runtime: {error}");
            return ExitCode::FAILURE;
        }
    };
    match runtime.block_on(run(cli.command.unwrap_or(Command::Serve), config)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("bazaar: {error:#}");
            ExitCode::FAILURE
        }
    }
}

async fn run(command: Command, config: Config) -> anyhow::Result<()> {
    match command {
        Command::Serve => bazaar::serve::run(config).await,
        Command::StripeEmulator => {
            let emulator = bazaar::serve::start_stripe_emulator(&config).await?;
            println!(
                "Stripe emulator at {}: give every node STRIPE_API_URL={0}",
                emulator.base_url()
            );
            bazaar::serve::shutdown_signal().await;
            Ok(())
        }
        Command::Migrate => {
            connect_migrated(config).await?;
            println!("migrations applied");
            Ok(())
        }
        Command::Seed { demo, scale } => {
            if !demo && scale.is_none() {
                bail!("say what to seed: --demo, --scale N, or both");
            }
            let state = connect_migrated(config).await?;
            if demo {
                let report = seed::demo::run(&state.db, &state.config.secrets_key, &state.storage)
                    .await
                    .context("seeding the demo")?;
                println!(
                    "demo data: {} products created, {} already there; accounts use the password {:?}",
                    report.products_created,
                    report.products_kept,
                    seed::demo::DEMO_PASSWORD
                );
                println!(
                    "the demo admin's second step: add the key {} to an authenticator app",
                    seed::demo::DEMO_ADMIN_TOTP_KEY
                );
                let orders = seed::orders::seed(&state.db, state.config.platform_fee_basis_points)
                    .await
                    .context("seeding the demo orders")?;
                println!("demo orders: {orders} created");
            }
            if let Some(count) = scale {
                let added = seed::scale::run(&state.db, count)
                    .await
                    .context("seeding the scale catalog")?;
                println!("scale data: {added} products added");
                let lines = seed::scale::orders(
                    &state.db,
                    count.saturating_mul(seed::scale::LINES_PER_PRODUCT),
                    state.config.platform_fee_basis_points,
                )
                .await
                .context("seeding the scale order history")?;
                println!(
                    "scale orders: {lines} order lines added for {}",
                    seed::scale::BUSY_SELLER
                );
            }
            Ok(())
        }
        Command::Storage {
            command: StorageCommand::Migrate { to },
        } => {
            let target = config
                .storage
                .with_url(&to)
                .map_err(|e| anyhow::anyhow!("--to {e}"))?;
            let open = |settings: &StorageSettings| {
                Storage::open(settings)
                    .map_err(|e| anyhow::anyhow!("opening {}: {e}", settings.url))
            };
            let from = open(&config.storage)?;
            let target = open(&target)?;
            let done = storage::copy_all(&from, &target)
                .await
                .map_err(|e| anyhow::anyhow!("copying: {e}"))?;
            println!(
                "{} files copied, {} already there; now set STORAGE_URL={to}",
                done.copied, done.skipped
            );
            Ok(())
        }
        Command::CreateAdmin {
            email,
            reset_password,
        } => {
            let email = Email::parse(&email).map_err(|e| anyhow::anyhow!("--email: {e}"))?;
            let password = read_password()?;
            password::check_new(&password, email.as_str())
                .map_err(|e| anyhow::anyhow!("password: {e}"))?;
            let state = connect_migrated(config).await?;
            let id = users::create_admin(&state.db, &email, &password, reset_password)
                .await
                .context("saving the admin")?;
            println!("{email} (user {id}) is an admin");
            Ok(())
        }
    }
}

/// Every maintenance command works on an up-to-date schema.
async fn connect_migrated(config: Config) -> anyhow::Result<AppState> {
    let state = AppState::connect(config)
        .await
        .map_err(|e| anyhow::anyhow!("connecting: {e}"))?;
    db::migrate(&state.config, &state.db)
        .await
        .context("migrating the database")?;
    Ok(state)
}

/// Asks on the terminal, or reads one line from standard input when piped.
fn read_password() -> anyhow::Result<String> {
    if std::io::stdin().is_terminal() {
        let first = rpassword::prompt_password("Password: ")?;
        let second = rpassword::prompt_password("Password again: ")?;
        if first != second {
            bail!("the passwords differ");
        }
        Ok(first)
    } else {
        let mut line = String::new();
        std::io::stdin().read_line(&mut line)?;
        Ok(line.trim_end_matches(['\r', '\n']).to_owned())
    }
}
