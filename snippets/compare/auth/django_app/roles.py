from django.contrib.auth.models import Group, Permission


def create_editors_group() -> Group:
    """Run once after `migrate` (a management command or a post_migrate handler)."""
    editors, _ = Group.objects.get_or_create(name="Editors")
    publish = Permission.objects.get(  # (1)!
        content_type__app_label="auth_reports", codename="publish_report"
    )
    editors.permissions.add(publish)
    return editors
