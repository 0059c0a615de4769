/* Copyright 2026 Helpdesk After-Sales contributors
 * License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl). */
import {FormController} from "@web/views/form/form_controller";
import {_t} from "@web/core/l10n/translation";
import {browser} from "@web/core/browser/browser";
import {formView} from "@web/views/form/form_view";
import {registry} from "@web/core/registry";
import {useService} from "@web/core/utils/hooks";
import {user} from "@web/core/user";

const POLL_DELAY = 2000;
const POLL_LIMIT = 1800; // one hour

/**
 * Team form: saving a team whose after-sales options need an app that is not
 * installed yet has the server install it after the save, outside the request.
 * The form waits for the installation and reloads the web client, so that the
 * new menus, views and buttons are there. Installing is an administrator's
 * decision: for anyone else, the server refuses such a save (the form's warning
 * says so beforehand) and there is nothing to wait for.
 */
export class HelpdeskAftersalesTeamFormController extends FormController {
    setup() {
        super.setup();
        this.notification = useService("notification");
    }

    async onWillSaveRecord(record) {
        this.aftersalesInstalls =
            user.isSystem && Boolean(record.data.aftersales_install_warning);
        return super.onWillSaveRecord(...arguments);
    }

    async onRecordSaved(record) {
        const result = await super.onRecordSaved(...arguments);
        if (this.aftersalesInstalls) {
            this.aftersalesInstalls = false;
            await this.waitForInstallation();
        }
        return result;
    }

    async waitForInstallation() {
        const close = this.notification.add(
            _t(
                "Installing the apps of the options switched on. The page reloads when they are ready."
            ),
            {type: "info", sticky: true}
        );
        for (let attempt = 0; attempt < POLL_LIMIT; attempt++) {
            const status = await this.orm.call(
                "helpdesk.ticket.team",
                "aftersales_install_status",
                []
            );
            if (status.error) {
                close();
                this.notification.add(status.error, {type: "danger", sticky: true});
                return;
            }
            if (!status.pending.length && !status.running) {
                close();
                browser.location.reload();
                return;
            }
            await new Promise((resolve) => browser.setTimeout(resolve, POLL_DELAY));
        }
        close();
    }
}

registry.category("views").add("helpdesk_aftersales_team_form", {
    ...formView,
    Controller: HelpdeskAftersalesTeamFormController,
});
