# Copyright 2026 Helpdesk After-Sales contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).


def uninstall_hook(env):
    """Keep which projects are field service projects (and the teams'
    projects) while the columns saying so are dropped: an installation to come
    gives them back instead of making a second "Field Service" project."""
    env["project.project"]._aftersales_fsm_keep()
