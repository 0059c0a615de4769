# Copyright 2026 Helpdesk After-Sales contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import logging
from pathlib import Path

from odoo import api, models
from odoo.tools.translate import TranslationImporter, get_base_langs

_logger = logging.getLogger(__name__)

# Translations that this project provides for OCA modules which ship none
# (i18n_oca/<module>/<lang>.po): upstream-ready files, applied from here.
OCA_TRANSLATIONS = Path(__file__).resolve().parents[1] / "i18n_oca"


class IrModuleModule(models.Model):
    _inherit = "ir.module.module"

    def module_uninstall(self):
        names = set(self.mapped("name"))
        # The toggles live in the base addon: switch off, on every team, those whose
        # addon goes away, so that no team points at a feature that is not there.
        self.env["helpdesk.ticket.team"]._aftersales_reset_features_of(names)
        # The links of the documents whose columns go away are kept until the
        # bridge comes back (unless the base addon goes too).
        if "helpdesk_aftersales" not in names:
            self.env["helpdesk.aftersales.kept.link"]._aftersales_keep(
                self._aftersales_models_losing_links(names)
            )
        return super().module_uninstall()

    @api.model
    def _aftersales_models_losing_links(self, module_names):
        """The document models whose ticket link is defined only by modules of
        ``module_names`` (its column is dropped with them)."""
        Data = self.env["ir.model.data"].sudo()
        fields_data = Data.search(
            [
                ("model", "=", "ir.model.fields"),
                ("name", "=like", "%__helpdesk_ticket_id"),
            ]
        )
        owners = {}
        for data in fields_data:
            owners.setdefault(data.res_id, set()).add(data.module)
        fields_ = (
            self.env["ir.model.fields"]
            .sudo()
            .browse(
                [
                    res_id
                    for res_id, modules in owners.items()
                    if modules <= module_names
                ]
            )
        )
        return [
            field.model
            for field in fields_.exists()
            if field.name == "helpdesk_ticket_id" and field.model in self.env
        ]

    def _load_module_terms(self, modules, langs, overwrite=False):
        res = super()._load_module_terms(modules, langs, overwrite=overwrite)
        self._aftersales_load_oca_terms(modules, langs, overwrite)
        return res

    def _aftersales_load_oca_terms(self, modules, langs, overwrite):
        """Load the translations of ``i18n_oca/`` for the OCA modules among
        ``modules`` (all of them when this addon itself is among ``modules``),
        when they are installed: a language installed or updated, or one of
        those modules (or this addon) installed or updated, gets them.

        Only records' terms (fields, views, menus, stages, selections, portal
        templates) can be applied from outside a module: the Python and
        JavaScript strings of those modules need the files upstream."""
        provided = {path.name for path in OCA_TRANSLATIONS.iterdir() if path.is_dir()}
        wanted = provided & set(modules)
        if "helpdesk_aftersales" in modules:
            wanted = provided
        if not wanted:
            return
        installed = self.sudo().search(
            [
                ("name", "in", sorted(wanted)),
                ("state", "in", ("installed", "to install", "to upgrade")),
            ]
        )
        importer = TranslationImporter(self.env.cr, verbose=False)
        for module in installed.mapped("name"):
            for lang in langs:
                for base_lang in get_base_langs(lang):
                    po_path = OCA_TRANSLATIONS / module / f"{base_lang}.po"
                    if po_path.is_file():
                        _logger.info(
                            "module %s: loading translation file %s for language %s",
                            module,
                            po_path,
                            lang,
                        )
                        importer.load_file(str(po_path), lang)
        importer.save(overwrite=overwrite)
