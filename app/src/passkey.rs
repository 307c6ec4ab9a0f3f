//! The browser's side of a passkey ceremony: the server's options go to
//! `navigator.credentials`, and the authenticator's answer comes back as
//! JSON for the server to check. Options and answers travel as the JSON of
//! the WebAuthn specification (`PublicKeyCredential.parse…FromJSON`,
//! `toJSON`), so no encoding is done here. On the server, and in browsers
//! without those calls, passkeys are not offered.

#[cfg(not(feature = "hydrate"))]
const UNSUPPORTED: &str = "This browser cannot use passkeys here. Use your password instead.";

/// Whether this browser can take part in a passkey ceremony.
pub fn supported() -> bool {
    #[cfg(feature = "hydrate")]
    return browser::supported();
    #[cfg(not(feature = "hydrate"))]
    false
}

/// Creates a passkey with the server's creation options; the answer, or
/// what to tell the person.
pub async fn create(options: String) -> Result<String, String> {
    #[cfg(feature = "hydrate")]
    return browser::ceremony("create", "parseCreationOptionsFromJSON", &options)
        .await
        .map_err(browser::explain);
    #[cfg(not(feature = "hydrate"))]
    {
        let _ = options;
        Err(UNSUPPORTED.to_owned())
    }
}

/// Signs with a passkey against the server's request options; the answer,
/// or what to tell the person.
pub async fn get(options: String) -> Result<String, String> {
    #[cfg(feature = "hydrate")]
    return browser::ceremony("get", "parseRequestOptionsFromJSON", &options)
        .await
        .map_err(browser::explain);
    #[cfg(not(feature = "hydrate"))]
    {
        let _ = options;
        Err(UNSUPPORTED.to_owned())
    }
}

#[cfg(feature = "hydrate")]
mod browser {
    use js_sys::{Function, JSON, Object, Promise, Reflect};
    use wasm_bindgen::{JsCast, JsValue};
    use wasm_bindgen_futures::JsFuture;

    fn property(target: &JsValue, key: &str) -> Result<JsValue, JsValue> {
        Reflect::get(target, &JsValue::from_str(key))
    }

    fn method(target: &JsValue, key: &str) -> Result<Function, JsValue> {
        property(target, key)?.dyn_into()
    }

    pub fn supported() -> bool {
        let Some(window) = web_sys::window() else {
            return false;
        };
        let Ok(class) = property(&window, "PublicKeyCredential") else {
            return false;
        };
        let credentials = property(&window, "navigator").and_then(|n| property(&n, "credentials"));
        method(&class, "parseCreationOptionsFromJSON").is_ok()
            && method(&class, "parseRequestOptionsFromJSON").is_ok()
            && credentials.is_ok_and(|c| c.is_object())
    }

    /// `navigator.credentials[call]({ publicKey: PublicKeyCredential[parse](options) })`,
    /// answered as `credential.toJSON()`.
    pub async fn ceremony(call: &str, parse: &str, options: &str) -> Result<String, JsValue> {
        let window: JsValue = web_sys::window()
            .ok_or_else(|| JsValue::from_str("no window"))?
            .into();
        let class = property(&window, "PublicKeyCredential")?;
        let public_key = method(&class, parse)?.call1(&class, &JSON::parse(options)?)?;
        let request = Object::new();
        Reflect::set(&request, &JsValue::from_str("publicKey"), &public_key)?;
        let credentials = property(&property(&window, "navigator")?, "credentials")?;
        let pending: Promise = method(&credentials, call)?
            .call1(&credentials, &request)?
            .dyn_into()?;
        let credential = JsFuture::from(pending).await?;
        let answer = method(&credential, "toJSON")?.call0(&credential)?;
        JSON::stringify(&answer)?
            .as_string()
            .ok_or_else(|| JsValue::from_str("an answer that is not text"))
    }

    /// What to tell the person when the browser refused.
    pub fn explain(error: JsValue) -> String {
        let name = property(&error, "name")
            .ok()
            .and_then(|name| name.as_string());
        match name.as_deref() {
            Some("NotAllowedError" | "AbortError") => {
                "The passkey request was cancelled or timed out. Try again, or use another way."
            }
            Some("InvalidStateError") => "This device already holds a passkey for your account.",
            _ => "This browser could not use a passkey. Try again, or use another way.",
        }
        .to_owned()
    }
}
