"""Pages for reports: the public form, receipt and status, and the signed-in list and detail.

Views stay thin: forms check input, services write, selectors read and decide access.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core import signing
from django.db import OperationalError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from threatdesk.accounts.models import Role
from threatdesk.accounts.throttle import pages_rate_limited
from threatdesk.assessment.engine import LEVEL_NAMES
from threatdesk.assessment.playbook import playbook
from threatdesk.cases.panel import case_context
from threatdesk.cases.selectors import filer_progress
from threatdesk.lib.busy import StorageUnavailableError, passing_refusal, with_retry_after
from threatdesk.lib.paging import page_of
from threatdesk.reports import evidence as evidence_files
from threatdesk.reports import selectors, services
from threatdesk.reports.access import Words, active_reveal, may_override_level, may_reveal
from threatdesk.reports.forms import LevelForm, ReceiptLookupForm, ReportFilterForm, ReportForm, RevealForm
from threatdesk.reports.models import CustodyEntry, Report
from threatdesk.reports.taxonomy import Source

# The receipt codes of the reports filed in this browser, newest last, in a signed cookie: the
# receipt page shows a report's guidance only to its filer, since its headings tell what kind of
# threat it was. A cookie rather than the session, so that acknowledging a report that has
# committed needs no further write, which a busy or lost database could refuse.
FILED_COOKIE = "td_filed"
FILED_COOKIE_PATH = "/report/receipt/"  # sent to the receipt pages alone
FILED_SALT = "threatdesk.reports.filed"
FILED_KEPT = 20


def home(request: HttpRequest) -> HttpResponse:
    return render(request, "home.html", {"lookup": ReceiptLookupForm()})


@require_http_methods(["GET", "POST"])
def report_new(request: HttpRequest) -> HttpResponse:
    """File a report, with or without an account. A double submit stores one report."""
    show_contact = not request.user.is_authenticated
    posted = request.method == "POST"
    form = ReportForm(request.POST if posted else None, request.FILES if posted else None, show_contact=show_contact)
    status = 422 if posted else 200
    if posted and form.is_valid() and form.report_in is not None:
        try:
            result = services.report_submit(
                actor=request.user,
                data=form.report_in,
                source=Source.WEB,
                submission_key=f"web:{form.cleaned_data['submission_token']}",
                files=form.checked_files,
            )
        except services.ReportInputError as exc:  # a county not in the state, say
            form.add_input_errors(exc.errors)
        except evidence_files.ReportFullError as exc:  # sent again with more files than its report may hold
            form.add_error("evidence", str(exc))
        except (OperationalError, StorageUnavailableError) as exc:  # locked, or no evidence store: keep what was typed
            message = passing_refusal(exc)
            if message is None:
                raise
            form.add_error(None, message)
            status = 503
        except services.IdempotencyConflictError:  # sent, then changed after going back
            form.renew_submission_token()
            form.add_error(None, "This form was already sent with other details. Check them and send again to file a new report.")
            status = 409
        else:
            _tell_files_added(request, result.files_added)
            code = result.report.public_code
            return _remember_filed(request, redirect("reports:receipt", code=code), code)
    if posted:
        form.note_files_not_kept()
    response = render(request, "reports/report_form.html", {"form": form}, status=status)
    return with_retry_after(response) if status == 503 else response


def _tell_files_added(request: HttpRequest, added: int) -> None:
    """The form was sent again with files its report lacked: say on the receipt that they went to
    the report already filed, not to a new one."""
    if added:
        files = "the file you added was" if added == 1 else f"the {added} files you added were"
        messages.success(request, f"This form had already been sent, so no second report was made: {files} stored with it.")


def _filed_here(request: HttpRequest) -> list[str]:
    """The receipt codes this browser filed while signed in as it is now (or signed out): a
    cookie set for one account does not open the receipts for the next person to sign in, or for
    anyone after a sign-out."""
    try:
        user, codes = signing.loads(request.COOKIES.get(FILED_COOKIE, ""), salt=FILED_SALT, max_age=settings.SESSION_COOKIE_AGE)
    except (signing.BadSignature, TypeError, ValueError):
        return []
    if user != request.user.pk or not isinstance(codes, list):
        return []
    return [c for c in codes if isinstance(c, str)]


def _remember_filed(request: HttpRequest, response: HttpResponse, code: str) -> HttpResponse:
    codes = [*(c for c in _filed_here(request) if c != code), code][-FILED_KEPT:]
    response.set_cookie(
        FILED_COOKIE,
        signing.dumps([request.user.pk, codes], salt=FILED_SALT),
        max_age=settings.SESSION_COOKIE_AGE,
        path=FILED_COOKIE_PATH,
        secure=settings.SESSION_COOKIE_SECURE,
        httponly=True,
        samesite="Lax",
    )
    return response


def receipt(request: HttpRequest, code: str) -> HttpResponse:
    """Shown right after filing: the receipt code, what happens next and what to do now. Only the
    browser that filed the report gets this page, and it is not counted against the limit on
    receipt look-ups (the filer guesses nothing); anyone else holding the code gets its status,
    under that limit."""
    if code not in _filed_here(request):
        return status(request, code)
    report = selectors.report_by_receipt(code)
    guidance = selectors.report_guidance(report, selectors.assessment_for(request.user, report))
    context = {"report": report, "guidance": guidance, "evidence_count": report.evidence.count()}
    return render(request, "reports/receipt.html", context)


@require_http_methods(["GET", "POST"])
def status_lookup(request: HttpRequest) -> HttpResponse:
    """The look-up form, sent in the body and never in the address: what is typed here by mistake
    (a name, a phone) would otherwise be in the request line every web server and proxy logs."""
    form = ReceiptLookupForm(request.POST or None)
    if form.is_valid():
        return redirect("reports:status", code=form.cleaned_data["code"].strip())
    return render(request, "reports/status_lookup.html", {"form": form})


NO_SUCH_RECEIPT = "No report has this code. Check it against your receipt, letter by letter, and try again."


@pages_rate_limited(selectors.RECEIPT_RATE)
def status(request: HttpRequest, code: str) -> HttpResponse:
    """The status of a report for whoever holds its receipt code: no content, only progress. A
    code that opens nothing gives the look-up form again with the code in it, to correct; it says
    only what the not-found answer said, under the same count of look-ups."""
    try:
        report = selectors.report_by_receipt(code)
    except Http404:
        form = ReceiptLookupForm({"code": code})
        if form.is_valid():
            form.add_error("code", NO_SUCH_RECEIPT)
        return render(request, "reports/status_lookup.html", {"form": form}, status=404)
    return _status_page(request, report)


def _status_page(request: HttpRequest, report: Report) -> HttpResponse:
    progress = filer_progress(report)
    context = {"report": report, "merged": progress.merged, "steps": progress.steps, "support": playbook().support}
    return render(request, "reports/status.html", context)


@login_required
def report_list(request: HttpRequest) -> HttpResponse:
    form = ReportFilterForm(request.GET or None)
    filters = selectors.ReportFilters(**form.cleaned_data) if form.is_valid() else selectors.ReportFilters()
    is_reporter = getattr(request.user, "role", None) == Role.REPORTER
    context = {"form": form, "is_reporter": is_reporter, **page_of(request, selectors.report_list(request.user, filters))}
    return render(request, "reports/report_list.html", context)


def _detail(request: HttpRequest, report: Report, *, status: int = 200, **forms: Any) -> HttpResponse:
    """The report page; `forms` are bound forms shown again with their errors. The page is
    recorded as read once it is built, whatever form brought the reader here."""
    user = request.user
    reading = selectors.reading_for(user, report)
    words = reading.words
    reveal = active_reveal(user, report) if getattr(user, "role", None) == Role.LIAISON else None
    assessment = selectors.assessment_for(user, report)
    context = {
        "reveal": reveal,
        "reveal_form": forms.get("reveal_form") or (RevealForm() if may_reveal(user, report) else None),
        "level_form": forms.get("level_form") or (LevelForm() if may_override_level(user, report) else None),
        "level_names": LEVEL_NAMES,
        "statutes": selectors.statute_suggestions(report) if getattr(user, "is_staff_role", False) else [],
        "guidance": selectors.report_guidance(report, assessment),
        "assessment": assessment,
        "report": report,
        "personal": words.version == Words.ORIGINAL,
        "version": words.version,
        "words": words,
        "reporter": reading.reporter,
        "pseudonyms": selectors.sender_pseudonyms(report),
        "timeline": selectors.report_timeline(request.user, report),
        "evidence": selectors.evidence_with_custody(request.user, report),
        **case_context(user, report, forms),
        "forms_with_errors": any(getattr(form, "errors", None) for form in forms.values()),
    }
    response = render(request, "reports/report_detail.html", context, status=status)
    services.originals_read(actor=user, way=services.Way.REPORT_PAGE, readings=[reading])
    return response


@login_required
def report_detail(request: HttpRequest, code: str) -> HttpResponse:
    return _detail(request, selectors.report_for(request.user, code))


def act_on_form(request: HttpRequest, report: Report, form: Any, act: Any, *, form_name: str) -> HttpResponse:
    """Run `act(cleaned_data)` for a valid form and go back to the report; otherwise show the
    report again with the form's errors (the service's too) and status 422."""
    if form.is_valid():
        try:
            act(form.cleaned_data)
        except services.ReportInputError as exc:
            for error in exc.errors:
                form.add_error(error.field if error.field in form.fields else None, error.message)
        else:
            return redirect("reports:detail", code=report.public_code)
    return _detail(request, report, status=422, **{form_name: form})


@login_required
@require_POST
def report_level(request: HttpRequest, code: str) -> HttpResponse:
    """Staff set the level by hand with a reason; the computed level stays beside it."""
    report = selectors.report_for(request.user, code)
    if not may_override_level(request.user, report):
        raise Http404("No such report")

    def act(data: dict[str, Any]) -> None:
        services.level_override(actor=request.user, report=report, level=int(data["level"]), reason=data["reason"])

    return act_on_form(request, report, LevelForm(request.POST), act, form_name="level_form")


@login_required
@require_POST
def report_reveal(request: HttpRequest, code: str) -> HttpResponse:
    """A liaison reveals a referred report's original words for a while, giving a reason."""
    report = selectors.report_for(request.user, code)
    if not may_reveal(request.user, report):
        raise Http404("No such report")

    def act(data: dict[str, Any]) -> None:
        services.report_reveal(actor=request.user, report=report, reason=data["reason"])

    return act_on_form(request, report, RevealForm(request.POST), act, form_name="reveal_form")


@login_required
def evidence_download(request: HttpRequest, code: str, evidence_code: str) -> HttpResponse:
    """Hand out an evidence file to someone who may read the report's personal data; log it."""
    item = selectors.evidence_for(request.user, code, evidence_code)
    try:
        data, verified = services.evidence_open(actor=request.user, evidence=item, purpose=CustodyEntry.Action.DOWNLOADED)
    except services.EvidenceDestroyedError as exc:  # destroyed since it was looked up: gone, as for the look-up
        raise Http404("No such evidence") from exc
    if not verified:
        # Altered evidence is never handed out as if it were the original.
        response = render(request, "reports/evidence_failed.html", {"report": item.report, "item": item}, status=409)
        response["X-Content-SHA256-Verified"] = "NO"
        return response
    response = HttpResponse(data, content_type=item.content_type)
    response["Content-Disposition"] = f'attachment; filename="{evidence_files.file_name(item)}"'
    response["X-Content-SHA256-Verified"] = "yes"
    return response
