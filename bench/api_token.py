"""Makes an API token as a person would: signs in through the login form and
creates the token on /account/tokens, then reads its secret from the page.
Used by the API benchmark and by the API's contract tests.

Usage: api_token.py BASE_URL EMAIL PASSWORD SCOPE...   (prints the secret)
"""

import re
import sys
import time

from checkout import form_action, signed_in


def token(browser, scopes):
    _, _, page = browser.request("GET", "/account/tokens")
    fields = {"name": f"Automation {int(time.time())}", "expires": "30"}
    fields.update({f"scopes[{n}]": scope for n, scope in enumerate(scopes)})
    status, _, _ = browser.request("POST", form_action(page, "create_api_token"), fields)
    if status not in (302, 303):
        raise SystemExit(f"making a token answered {status}")
    _, _, page = browser.request("GET", "/account/tokens")
    match = re.search(r'value="(bzr_[0-9A-Za-z]+)"', page)
    if not match:
        raise SystemExit("the new token was not shown")
    return match.group(1)


if __name__ == "__main__":
    base_url, email, password, *scopes = sys.argv[1:]
    print(token(signed_in(base_url.rstrip("/"), email, password), scopes))
