# Copyright 2026 Helpdesk After-Sales contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The boundary of the dialogs: values that no form sends are refused with a
clear message before the ORM reads them."""

from odoo.exceptions import UserError
from odoo.fields import Command

NUMBER_TYPES = ("integer", "float", "monetary")
# command -> number of items it has
COMMAND_SIZES = {
    Command.CREATE: 3,
    Command.UPDATE: 3,
    Command.DELETE: (2, 3),
    Command.UNLINK: (2, 3),
    Command.LINK: (2, 3),
    Command.CLEAR: (1, 2, 3),
    Command.SET: 3,
}


def is_id(value):
    return isinstance(value, int) and not isinstance(value, bool) and value > 0


def check_values(model, vals):
    """Refuse ``vals`` for ``model`` that no form of a dialog could send: a
    number that is not a finite number (``True``, a text, NaN, infinity), a
    record that is not an existing one, records that are not a list of
    commands (whose values are checked by their own model)."""
    if not isinstance(vals, dict):
        raise UserError(model.env._("The values of a dialog are a dictionary."))
    is_number = model.env["helpdesk.aftersales.wizard.mixin"]._aftersales_is_number
    for fname, value in vals.items():
        field = model._fields.get(fname)
        if field is None or value is False or value is None:
            continue
        label = field._description_string(model.env)
        if field.type in NUMBER_TYPES and not is_number(value):
            raise UserError(model.env._("%(field)s must be a number.", field=label))
        if field.type == "many2one" and not (
            is_id(value) and model.env[field.comodel_name].browse(value).exists()
        ):
            raise UserError(model.env._("%(field)s must be one record.", field=label))
        if field.type in ("one2many", "many2many"):
            check_commands(model, field, label, value)


def check_required(model, vals, fnames):
    """The fields ``fnames`` of a new record of ``model`` are given."""
    for fname in fnames:
        if not vals.get(fname):
            raise UserError(
                model.env._(
                    "%(field)s is required.",
                    field=model._fields[fname]._description_string(model.env),
                )
            )


def check_commands(model, field, label, commands):
    """``commands`` is a list of well-formed commands on existing records."""
    error = UserError(model.env._("%(field)s must be a list of records.", field=label))
    if not isinstance(commands, (list, tuple)):
        raise error
    ids = []
    for command in commands:
        if not isinstance(command, (list, tuple)) or not command:
            raise error
        code = command[0]
        sizes = COMMAND_SIZES.get(code) if is_id(code) or code == 0 else None
        if sizes is None or len(command) not in (
            sizes if isinstance(sizes, tuple) else (sizes,)
        ):
            raise error
        if code in (Command.CREATE, Command.UPDATE) and not isinstance(
            command[2], dict
        ):
            raise error
        if code in (Command.UPDATE, Command.DELETE, Command.UNLINK, Command.LINK):
            ids.append(command[1])
        if code == Command.SET:
            if not isinstance(command[2], (list, tuple)):
                raise error
            ids += command[2]
    if not all(is_id(record_id) for record_id in ids):
        raise error
    comodel = model.env[field.comodel_name]
    if len(comodel.browse(ids).exists()) != len(set(ids)):
        raise error
