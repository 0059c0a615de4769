# Copyright 2026 Helpdesk After-Sales contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import re

from odoo.tests import HttpCase, tagged

from .common import AftersalesTestMixin, new_portal_user


@tagged("post_install", "-at_install")
class TestPortalLanguage(AftersalesTestMixin, HttpCase):
    """A customer reads the portal in their own language after login, even
    though the login page set the visitor's language cookie before."""

    def _login(self, login):
        page = self.url_open("/web/login")
        token = re.search(r'name="csrf_token" value="([^"]+)"', page.text).group(1)
        return self.url_open(
            "/web/login",
            data={"login": login, "password": login, "csrf_token": token},
        )

    def _languages(self):
        return {
            cookie.value
            for cookie in self.opener.cookies
            if cookie.name == "frontend_lang"
        }

    def test_portal_in_the_users_language_after_login(self):
        self.env["res.lang"]._activate_lang("ko_KR")
        partner = self.env["res.partner"].create(
            {"name": "Korean Customer", "email": "ko@example.com", "lang": "ko_KR"}
        )
        new_portal_user(self.env, partner, "korean-customer")
        # a page visited before login set the visitor's language
        self.opener.cookies.set("frontend_lang", "en_US", domain="127.0.0.1")
        response = self._login("korean-customer")
        self.assertEqual(response.status_code, 200)
        self.assertEqual(self._languages(), {"ko_KR"})
        page = self.url_open("/my")
        self.assertIn('"bundle_params": {"lang": "ko_KR"}', page.text)

    def test_english_user_keeps_english(self):
        partner = self.env["res.partner"].create(
            {"name": "English Customer", "email": "en@example.com", "lang": "en_US"}
        )
        new_portal_user(self.env, partner, "english-customer")
        self.env["res.lang"]._activate_lang("ko_KR")
        self.opener.cookies.set("frontend_lang", "ko_KR", domain="127.0.0.1")
        self._login("english-customer")
        page = self.url_open("/my")
        self.assertIn('"bundle_params": {"lang": "en_US"}', page.text)
