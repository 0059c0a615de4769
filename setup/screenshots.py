"""Take the README's screenshots with headless Chromium over a running Odoo
(setup/screenshots starts it on the demo database): the team's After-Sales
section, a ticket with its buttons, every dialog of the ticket (Refund, Gift Card,
Coupon and its result, Return, Replace, Repair, Plan Intervention), the After-Sales
Analysis (pivot and graph) and the portal ticket page, in English and in Korean.

    python setup/screenshots.py URL DB OUTPUT_DIR CHROMIUM

Chromium is driven through its DevTools protocol (websocket-client, already a test
dependency of the project): no other browser automation tool is needed.
"""

import base64
import itertools
import json
from pathlib import Path
import shutil
import socket
import subprocess
import sys
import tempfile
import time

import requests
import websocket

LANGS = {"en_US": "en", "ko_KR": "ko"}
WIDTH, HEIGHT = 1280, 860


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Chromium:
    """A headless Chromium and its first tab, through the DevTools protocol."""

    def __init__(self, binary):
        self.profile = tempfile.mkdtemp(prefix="aftersales-chromium-")
        port = free_port()
        self.process = subprocess.Popen(
            [
                binary,
                "--headless=new",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--hide-scrollbars",
                f"--remote-debugging-port={port}",
                f"--user-data-dir={self.profile}",
                f"--window-size={WIDTH},{HEIGHT}",
                "about:blank",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        for _attempt in range(100):
            try:
                pages = requests.get(f"http://127.0.0.1:{port}/json", timeout=2).json()
                page = next(p for p in pages if p["type"] == "page")
                break
            except (requests.ConnectionError, StopIteration, ValueError):
                time.sleep(0.2)
        else:
            self.close()
            raise RuntimeError("Chromium did not start")
        self.socket = websocket.create_connection(
            page["webSocketDebuggerUrl"], timeout=60, suppress_origin=True
        )
        self.ids = itertools.count(1)
        self.send("Page.enable")
        self.send("Network.enable")
        self.send(
            "Emulation.setDeviceMetricsOverride",
            width=WIDTH,
            height=HEIGHT,
            deviceScaleFactor=1,
            mobile=False,
        )

    def send(self, method, **params):
        message_id = next(self.ids)
        self.socket.send(
            json.dumps({"id": message_id, "method": method, "params": params})
        )
        while True:
            message = json.loads(self.socket.recv())
            if message.get("id") == message_id:
                if "error" in message:
                    raise RuntimeError(f"{method}: {message['error']}")
                return message.get("result", {})

    def evaluate(self, expression):
        result = self.send(
            "Runtime.evaluate",
            expression=expression,
            returnByValue=True,
            awaitPromise=True,
        )
        if "exceptionDetails" in result:
            raise RuntimeError(f"{expression}: {result['exceptionDetails']}")
        return result["result"].get("value")

    def wait_for(self, selector, timeout=60):
        deadline = time.monotonic() + timeout
        check = f"!!document.querySelector({json.dumps(selector)})"
        while not self.evaluate(check):
            if time.monotonic() > deadline:
                raise RuntimeError(f"{selector} never appeared")
            time.sleep(0.25)
        time.sleep(0.8)  # let animations and late renders settle

    def goto(self, url, selector):
        self.send("Page.navigate", url=url)
        self.wait_for(selector)

    def click(self, selector):
        self.evaluate(f"document.querySelector({json.dumps(selector)}).click()")

    def login(self, base_url, db, login, password):
        session = requests.Session()
        response = session.post(
            f"{base_url}/web/session/authenticate",
            json={"params": {"db": db, "login": login, "password": password}},
            timeout=60,
        )
        response.raise_for_status()
        assert "error" not in response.json(), response.json()
        self.send("Network.clearBrowserCookies")
        self.send(
            "Network.setCookie",
            name="session_id",
            value=session.cookies["session_id"],
            url=base_url,
        )
        return session

    def screenshot(self, path, selector=None, margin=12):
        params = {"format": "png"}
        if selector:
            rect = self.evaluate(
                f"""(() => {{
                    const node = document.querySelector({json.dumps(selector)});
                    node.scrollIntoView({{block: 'start'}});
                    const r = node.getBoundingClientRect();
                    return {{x: r.x, y: r.y + window.scrollY, width: r.width,
                             height: r.height}};
                }})()"""
            )
            params["clip"] = {
                "x": max(rect["x"] - margin, 0),
                "y": max(rect["y"] - margin, 0),
                "width": rect["width"] + 2 * margin,
                "height": rect["height"] + 2 * margin,
                "scale": 1,
            }
            params["captureBeyondViewport"] = True
        data = self.send("Page.captureScreenshot", **params)["data"]
        path.write_bytes(base64.b64decode(data))
        print(f"{path} written")

    def close(self):
        if getattr(self, "socket", None):
            self.socket.close()
        self.process.terminate()
        self.process.wait(timeout=30)
        shutil.rmtree(self.profile, ignore_errors=True)


def rpc(session, base_url, model, method, *args, **kwargs):
    response = session.post(
        f"{base_url}/web/dataset/call_kw/{model}/{method}",
        json={
            "params": {"model": model, "method": method, "args": args, "kwargs": kwargs}
        },
        timeout=120,
    )
    response.raise_for_status()
    body = response.json()
    if "error" in body:
        raise RuntimeError(body["error"])
    return body["result"]


def record_id(session, base_url, xmlid):
    module, name = xmlid.split(".")
    rows = rpc(
        session,
        base_url,
        "ir.model.data",
        "search_read",
        [("module", "=", module), ("name", "=", name)],
        ["res_id"],
    )
    if not rows:
        raise RuntimeError(f"{xmlid} is not in the demo database")
    return rows[0]["res_id"]


def languages(session, base_url, logins):
    """``{user id: language}`` of the users of ``logins``."""
    users = rpc(
        session,
        base_url,
        "res.users",
        "search_read",
        [("login", "in", logins)],
        ["lang"],
    )
    return {user["id"]: user["lang"] for user in users}


def set_languages(session, base_url, langs):
    for user_id, lang in langs.items():
        rpc(session, base_url, "res.users", "write", [user_id], {"lang": lang})


# (file name, demo ticket of helpdesk_aftersales, ticket button, what the button
# opens: a dialog, or the new document in full page, and a field of it to wait for)
DIALOGS = [
    ("refund", "demo_ticket_refund", "action_helpdesk_refund", "refund_method"),
    ("gift_card", "demo_ticket_gift_card", "action_helpdesk_giftcard", "amount"),
    ("coupon", "demo_ticket_coupon", "action_helpdesk_coupon", "program_id"),
    ("return", "demo_ticket_return", "action_helpdesk_return", "product_return_moves"),
    ("replace", "demo_ticket_replacement", "action_helpdesk_replace", "line_ids"),
    ("repair", "demo_ticket_repair", "action_helpdesk_repair", "product_id"),
    (
        "plan_intervention",
        "demo_ticket_fsm",
        "action_helpdesk_plan_intervention",
        "user_ids",
    ),
]
REPORT_ACTION = "helpdesk_aftersales.helpdesk_aftersales_report_action"
TICKET_ACTION = "helpdesk_mgmt.helpdesk_ticket_action"


def take_dialogs(browser, base_url, tickets, output, suffix):
    """The ticket with its buttons, then each dialog its buttons open (the
    coupon dialog once more after Generate, with the code to give)."""
    for name, ticket, button, field in DIALOGS:
        browser.goto(
            f"{base_url}/odoo/action-{TICKET_ACTION}/{tickets[ticket]}",
            f".o_form_view button[name={button}]",
        )
        if name == "refund":
            browser.screenshot(output / f"ticket_{suffix}.png")
        browser.click(f".o_form_view button[name={button}]")
        if name == "repair":
            # a new repair order in full page, prefilled from the ticket
            browser.wait_for(f".o_form_view .o_field_widget[name={field}] input")
            browser.screenshot(output / f"{name}_{suffix}.png")
            continue
        browser.wait_for(f".modal .o_form_view .o_field_widget[name={field}]")
        browser.screenshot(output / f"{name}_{suffix}.png", ".modal-content")
        if name == "coupon":
            browser.click(".modal button[name=action_helpdesk_generate]")
            browser.wait_for(".modal .o_form_view .o_field_widget[name=code]")
            browser.screenshot(output / f"coupon_result_{suffix}.png", ".modal-content")


def take_analysis(browser, base_url, output, suffix):
    """The After-Sales Analysis: its pivot and its graph."""
    for view in ("pivot", "graph"):
        browser.goto(
            f"{base_url}/odoo/action-{REPORT_ACTION}?view_type={view}",
            f".o_{view}_view .o_{view}" if view == "graph" else ".o_pivot table",
        )
        browser.screenshot(output / f"analysis_{view}_{suffix}.png")


def main(base_url, db, output, binary):
    output = Path(output)
    output.mkdir(parents=True, exist_ok=True)
    browser = Chromium(binary)
    try:
        admin = browser.login(base_url, db, "admin", "admin")
        installed = rpc(
            admin,
            base_url,
            "res.lang",
            "search_read",
            [("code", "=", "ko_KR"), ("active", "=", True)],
            ["code"],
        )
        if not installed:
            raise RuntimeError(
                f"Korean is not installed in {db}: run with AFTERSALES_LANG"
            )
        team = record_id(
            admin, base_url, "helpdesk_aftersales.helpdesk_team_aftersales"
        )
        tickets = {
            ticket: record_id(admin, base_url, f"helpdesk_aftersales.{ticket}")
            for ticket in {
                "demo_ticket_refund_portal",
                *(dialog[1] for dialog in DIALOGS),
            }
        }
        before = languages(admin, base_url, ["admin", "portal"])
        for lang, suffix in LANGS.items():
            set_languages(admin, base_url, dict.fromkeys(before, lang))
            browser.login(base_url, db, "admin", "admin")
            browser.goto(
                f"{base_url}/odoo/action-helpdesk_mgmt.helpdesk_ticket_team_action/{team}",
                ".o_form_view div[name=aftersales]",
            )
            browser.screenshot(output / f"team_{suffix}.png", "div[name=aftersales]")
            take_dialogs(browser, base_url, tickets, output, suffix)
            take_analysis(browser, base_url, output, suffix)
            browser.login(base_url, db, "portal", "portal")
            browser.goto(
                f"{base_url}/my/ticket/{tickets['demo_ticket_refund_portal']}",
                "div[name=aftersales_portal_documents]",
            )
            browser.screenshot(
                output / f"portal_{suffix}.png", "#helpdesk_ticket_content"
            )
        set_languages(admin, base_url, before)
    finally:
        browser.close()


if __name__ == "__main__":
    if len(sys.argv) != 5:
        sys.exit(__doc__)
    main(*sys.argv[1:])
