"""Documents in the admin: issued documents are immutable and opened on the desk (audited), model
texts change only through the two-person approval (CP-05), so both are view only here."""

from __future__ import annotations

from django.contrib import admin

from chotei.audit.admin import ReadOnlyAdmin
from chotei.documents.models import DeliveryConsent, IssuedDocument, NoticeTemplate, PaymentClaim


@admin.register(NoticeTemplate)
class NoticeTemplateAdmin(ReadOnlyAdmin):
    list_display = ["kind", "version", "created_by", "approved_by", "approved_at"]
    list_filter = ["kind"]


@admin.register(IssuedDocument)
class IssuedDocumentAdmin(ReadOnlyAdmin):
    list_display = ["document_number", "kind", "case", "addressee", "channel", "dispatch_date", "version"]
    list_filter = ["kind", "channel"]
    search_fields = ["document_number", "case__number", "addressee"]
    exclude = ["file"]
    list_select_related = ["case"]


@admin.register(PaymentClaim)
class PaymentClaimAdmin(ReadOnlyAdmin):
    list_display = ["reference", "insurer", "claimant", "coop", "created_at"]
    search_fields = ["reference", "claimant__name"]


@admin.register(DeliveryConsent)
class DeliveryConsentAdmin(ReadOnlyAdmin):
    list_display = ["party", "method", "file_format", "consented", "at"]
    search_fields = ["party__name"]
