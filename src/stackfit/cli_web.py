"""``stackfit serve`` and ``stackfit user add``: the web app and its accounts (a thin adapter)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from stackfit.cli import _errors, app, out_console
from stackfit.errors import InputError
from stackfit.store import Workspace

user_app = typer.Typer(help="Accounts of the web app and API.", no_args_is_help=True)
app.add_typer(user_app, name="user")

WebDb = Annotated[Path, typer.Option("--db", help="the server database (accounts); workspaces are kept in workspaces/ beside it",
                                     envvar="STACKFIT_WEB_DB")]
DEFAULT_DB = Path("stackfit-web/stackfit.db")


@user_app.command("add")
def user_add(
    email: Annotated[str, typer.Argument(help="the user's email (their sign-in name)")],
    role: Annotated[str, typer.Option("--role", help="admin, recruiter or interviewer")] = "recruiter",
    workspace: Annotated[str, typer.Option("--workspace", help="the workspace the user belongs to (created if new)")] = "default",
    password_stdin: Annotated[bool, typer.Option("--password-stdin", help="read the password from the first line of stdin")] = False,
    db: WebDb = DEFAULT_DB,
) -> None:
    """Create a local account (the first one: ``--role admin``). The password is asked for, or read from stdin."""
    from stackfit.web import accounts

    with _errors():
        if password_stdin:
            password = sys.stdin.readline().rstrip("\r\n")
        else:
            password = typer.prompt("Password", hide_input=True, confirmation_prompt=True)
        if not password:
            raise InputError("the password is empty", hint="give a password of at least 10 characters")
        with Workspace(db) as server:
            u = accounts.add_user(server, email, password, role, workspace)
        out_console.print(f"added {u.email} ({u.role}) to workspace {u.workspace} in {db}")


@user_app.command("token")
def user_token(
    email: Annotated[str, typer.Argument(help="whose token")],
    name: Annotated[str, typer.Option("--name", help="what the token is for (e.g. the script's name)")] = "cli",
    db: WebDb = DEFAULT_DB,
) -> None:
    """Create an API token for scripts (printed once; send it as ``Authorization: Bearer TOKEN``)."""
    from stackfit.errors import NotFoundError
    from stackfit.web import accounts

    with _errors(), Workspace(db) as server:
        user = next((u for u in accounts.all_users(server) if u.email == email.strip().lower()), None)
        if user is None:
            raise NotFoundError(f"no user {email!r}", hint="create it with `stackfit user add EMAIL`", path=str(db))
        out_console.print(accounts.create_token(server, user, name)[1])


@app.command()
def serve(
    host: Annotated[str, typer.Option("--host", help="address to listen on")] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", help="port to listen on")] = 8000,
    db: WebDb = DEFAULT_DB,
    secure_cookies: Annotated[bool, typer.Option("--secure-cookies", help="mark cookies Secure (serve over https)")] = False,
) -> None:
    """Run the web app and REST API (OpenAPI at /docs and /openapi.json). SQLite by default; nothing else to start."""
    import uvicorn

    from stackfit.web.app import WebSettings, create_app

    with _errors():
        application = create_app(WebSettings(db=db, secure_cookies=secure_cookies))
    out_console.print(f"stackfit web app on http://{host}:{port} (accounts in {db}; API docs at /docs)")
    uvicorn.run(application, host=host, port=port, log_level="warning")
