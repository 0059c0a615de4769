/* Copyright 2026 Helpdesk After-Sales contributors
 * License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl). */
import {FormController} from "@web/views/form/form_controller";
import {browser} from "@web/core/browser/browser";
import {formView} from "@web/views/form/form_view";
import {registry} from "@web/core/registry";

/**
 * Team form: saving a team whose after-sales options need an app that is not
 * installed yet installs it on the server; the web client is then reloaded so
 * that the new menus, views and buttons are there.
 */
export class HelpdeskAftersalesTeamFormController extends FormController {
    async onWillSaveRecord(record) {
        this.aftersalesInstalls = Boolean(record.data.aftersales_install_warning);
        return super.onWillSaveRecord(...arguments);
    }

    async onRecordSaved(record) {
        const result = await super.onRecordSaved(...arguments);
        if (this.aftersalesInstalls) {
            this.aftersalesInstalls = false;
            browser.location.reload();
        }
        return result;
    }
}

registry.category("views").add("helpdesk_aftersales_team_form", {
    ...formView,
    Controller: HelpdeskAftersalesTeamFormController,
});
