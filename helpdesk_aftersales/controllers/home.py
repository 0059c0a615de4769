# Copyright 2026 Helpdesk After-Sales contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.http import request

from odoo.addons.portal.controllers.web import Home


class AftersalesHome(Home):
    def _login_redirect(self, uid, redirect=None):
        """After login, the portal speaks the user's language: the pages read
        the language from the ``frontend_lang`` cookie first, which the login
        page set to the visitor's language before anyone was logged in."""
        user = request.env["res.users"].sudo().browse(uid)
        lang = user.lang
        if lang and lang in dict(request.env["res.lang"].sudo().get_installed()):
            request.future_response.set_cookie("frontend_lang", lang)
        return super()._login_redirect(uid, redirect=redirect)
