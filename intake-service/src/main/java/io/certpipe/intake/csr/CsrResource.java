package io.certpipe.intake.csr;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.function.Predicate;
import java.util.stream.Stream;

import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.certpipe.common.event.CsrCondition;
import io.certpipe.intake.approval.ApprovalPreview;
import io.certpipe.intake.rbac.SignerPermissions;
import io.certpipe.intake.signer.SignerCatalogue;
import io.certpipe.intake.signer.SignerReview;
import io.certpipe.intake.identity.UserInfo;
import io.certpipe.kube.Verbs;
import io.certpipe.kube.ApiException;
import io.certpipe.kube.DryRun;
import io.certpipe.kube.FieldValidation;
import io.certpipe.kube.ObjectMeta;
import io.certpipe.kube.Patch;
import io.certpipe.kube.PatchType;
import io.certpipe.kube.Patches;
import io.certpipe.kube.RequestBodies;
import io.certpipe.kube.Table;
import io.certpipe.kube.Warnings;
import io.certpipe.kube.Yaml;
import io.certpipe.kube.storage.WatchServer;
import io.certpipe.kube.storage.WatchStream;
import io.certpipe.intake.identity.Authentication;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;
import org.jboss.resteasy.reactive.RestHeader;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;

/**
 * {@code /clusters/{cluster}/apis/certificates.k8s.io/v1/certificatesigningrequests}: authorise, map, and hand each
 * change to {@link CsrStore}, with its {@link DryRun} option. Answers JSON, or a Table when the caller asks for one as
 * kubectl's {@code get} does.
 */
@Path("/clusters/{cluster}")
public class CsrResource {

    /** Every resource class shares the cluster prefix, so routing never has to choose between class paths. */
    private static final String COLLECTION = "apis/" + CsrApi.GROUP_VERSION + "/" + CsrApi.RESOURCE;
    private static final String OBJECT = COLLECTION + "/{name}";

    private final CsrStore store;
    private final WatchServer watches;
    private final WatchStream.Presentation<StoredCsr> presentation;
    private final SignerPermissions signerPermissions;
    private final SignerReview signerReview;
    private final SignerCatalogue signers;
    private final CsrSubmissions submissions;
    private final ApprovalPreview approvalPreview;
    private final Patches patches;
    private final ObjectMapper json;

    public CsrResource(CsrStore store, WatchServer watches, CsrKind kind,
            SignerPermissions signerPermissions, SignerReview signerReview, SignerCatalogue signers,
            CsrSubmissions submissions, ApprovalPreview approvalPreview,
            Patches patches, ObjectMapper json) {
        this.store = store;
        this.watches = watches;
        this.presentation = new WatchStream.Presentation<>(kind, CsrApi.KIND, CsrApi.GROUP_VERSION,
                CsrRepresentation::toWire, (csr, revision, now, include) -> CsrTable.render(List.of(csr), revision,
                        now, include));
        this.signerPermissions = signerPermissions;
        this.signerReview = signerReview;
        this.signers = signers;
        this.submissions = submissions;
        this.approvalPreview = approvalPreview;
        this.patches = patches;
        this.json = json;
    }

    @GET
    @Path(COLLECTION)
    public Uni<Response> list(@RestPath String cluster, @RestQuery String fieldSelector,
            @RestQuery String labelSelector, @RestQuery boolean watch, @RestQuery String resourceVersion,
            @RestQuery Long timeoutSeconds, @RestQuery boolean allowWatchBookmarks, @RestQuery String includeObject,
            @RestHeader(HttpHeaders.ACCEPT) String accept, RoutingContext routing) {
        Predicate<StoredCsr> selected = CsrSelector.of(fieldSelector, labelSelector);
        Table.IncludeObject include = Table.IncludeObject.of(includeObject);
        if (watch) {
            return watch(routing, cluster, resourceVersion, new WatchStream.Options<>(selected,
                    Table.isRequestedBy(accept), include, allowWatchBookmarks,
                    WatchStream.Options.timeout(timeoutSeconds)));
        }
        return store.list(cluster).map(page -> {
            List<StoredCsr> items = page.items().stream().filter(selected).toList();
            if (Table.isRequestedBy(accept)) {
                return table(CsrTable.render(items, page.resourceVersion(), now(), include));
            }
            return ok(CertificateSigningRequestList.of(
                    items.stream().map(CsrRepresentation::toWire).toList(), page.resourceVersion()));
        });
    }

    @POST
    @Path(COLLECTION)
    public Uni<Response> create(@RestPath String cluster, @RestQuery String fieldValidation,
            @RestQuery("dryRun") List<String> dryRunValues, RoutingContext routing, byte[] body) {
        UserInfo caller = Authentication.caller(routing);
        DryRun dryRun = DryRun.of(DryRun.Options.CREATE, dryRunValues);
        CsrCreation.Admission admission = submissions.admit(cluster, caller, body, fieldValidation);
        Uni<StoredCsr> creation = store.apply(new CsrLookup.ByName(cluster, admission.csr().name()),
                new CsrChange.Create(admission.csr(), caller.toActor()), dryRun);
        if (dryRun.isRequested()) {
            // A dry run also says what the approval policies would decide, as a warning kubectl prints.
            return creation.chain(created -> approvalPreview.of(created.toSnapshot()).map(decision ->
                    created(created, Stream.concat(admission.warnings().stream(), Stream.of(decision)).toList())));
        }
        return creation.map(created -> created(created, admission.warnings()));
    }

    @GET
    @Path(OBJECT)
    public Uni<Response> get(@RestPath String cluster, @RestPath String name, @RestQuery String includeObject,
            @RestHeader(HttpHeaders.ACCEPT) String accept, RoutingContext routing) {
        return read(cluster, name, accept, includeObject);
    }

    @GET
    @Path(OBJECT + "/" + CsrApi.APPROVAL)
    public Uni<Response> getApproval(@RestPath String cluster, @RestPath String name,
            @RestHeader(HttpHeaders.ACCEPT) String accept, RoutingContext routing) {
        return read(cluster, name, accept, null);
    }

    @GET
    @Path(OBJECT + "/" + CsrApi.STATUS)
    public Uni<Response> getStatus(@RestPath String cluster, @RestPath String name,
            @RestHeader(HttpHeaders.ACCEPT) String accept, RoutingContext routing) {
        return read(cluster, name, accept, null);
    }

    @DELETE
    @Path(OBJECT)
    public Uni<Response> delete(@RestPath String cluster, @RestPath String name,
            @RestQuery("dryRun") List<String> dryRunValues, @RestHeader(HttpHeaders.CONTENT_TYPE) String contentType,
            RoutingContext routing, byte[] body) {
        UserInfo caller = Authentication.caller(routing);
        DryRun dryRun = DryRun.ofDelete(dryRunValues, contentType, body, json);
        return store.apply(new CsrLookup.ByName(cluster, name), new CsrChange.Delete(caller.toActor(), null, null),
                        dryRun)
                .map(deleted -> ok(CsrRepresentation.toWire(deleted)));
    }

    /** {@code kubectl replace}: the whole object again; only its labels and annotations may differ. */
    @PUT
    @Path(OBJECT)
    public Uni<Response> replace(@RestPath String cluster, @RestPath String name, @RestQuery String fieldValidation,
            @RestQuery("dryRun") List<String> dryRunValues, RoutingContext routing, byte[] body) {
        DryRun dryRun = DryRun.of(DryRun.Options.UPDATE, dryRunValues);
        var submitted = decode(body, fieldValidation, json);
        CertificateSigningRequest replacement = submitted.value();
        ObjectMeta metadata = requireName(replacement.metadata(), name);
        return store.apply(new CsrLookup.ByName(cluster, name), new CsrChange.MetadataUpdate(current ->
                        new CsrChange.PatchedMetadata(metadata, SubmittedSpec.changes(current, replacement.spec()))),
                        dryRun)
                .map(replaced -> Warnings.add(Response.ok(CsrRepresentation.toWire(replaced),
                        MediaType.APPLICATION_JSON_TYPE), submitted.warnings()).build());
    }

    /**
     * JSON patch ({@code kubectl patch --type=json}), JSON merge patch, strategic merge patch (client-side
     * {@code kubectl apply}) and server-side apply ({@code kubectl apply --server-side}, which also creates).
     */
    @PATCH
    @Path(OBJECT)
    public Uni<Response> patch(@RestPath String cluster, @RestPath String name, @RestQuery String fieldValidation,
            @RestQuery String fieldManager, @RestQuery("dryRun") List<String> dryRunValues,
            @RestHeader(HttpHeaders.CONTENT_TYPE) String contentType, RoutingContext routing, byte[] body) {
        UserInfo caller = Authentication.caller(routing);
        DryRun dryRun = DryRun.of(DryRun.Options.PATCH, dryRunValues);
        PatchType type = PatchType.of(contentType, CsrApi.PATCH_TYPES);
        if (type == PatchType.APPLY) {
            return serverSideApply(cluster, name, fieldValidation, fieldManager, caller, dryRun, body);
        }
        Patch patch = patches.read(type, body);
        FieldValidation validation = FieldValidation.of(fieldValidation);
        List<String> warnings = new ArrayList<>();
        return store.apply(new CsrLookup.ByName(cluster, name), new CsrChange.MetadataUpdate(current ->
                        CsrPatch.apply(current, patch, validation, warnings, patches, json)), dryRun)
                .map(patched -> Warnings.add(Response.ok(CsrRepresentation.toWire(patched),
                        MediaType.APPLICATION_JSON_TYPE), warnings).build());
    }

    @PUT
    @Path(OBJECT + "/" + CsrApi.APPROVAL)
    public Uni<Response> updateApproval(@RestPath String cluster, @RestPath String name,
            @RestQuery String fieldValidation, @RestQuery("dryRun") List<String> dryRunValues,
            @RestHeader(HttpHeaders.CONTENT_TYPE) String contentType, RoutingContext routing, byte[] body) {
        return updateSubresource(routing, cluster, name, CsrApi.APPROVAL, Verbs.APPROVE, dryRunValues, contentType,
                fieldValidation, body, this::approval);
    }

    @PATCH
    @Path(OBJECT + "/" + CsrApi.APPROVAL)
    public Uni<Response> patchApproval(@RestPath String cluster, @RestPath String name,
            @RestQuery String fieldValidation, @RestQuery("dryRun") List<String> dryRunValues,
            @RestHeader(HttpHeaders.CONTENT_TYPE) String contentType, RoutingContext routing, byte[] body) {
        return patchSubresource(routing, cluster, name, CsrApi.APPROVAL, Verbs.APPROVE, dryRunValues, contentType,
                fieldValidation, body, this::approval);
    }

    /** What a signer outside certpipe writes: the certificate, or the Failed condition. */
    @PUT
    @Path(OBJECT + "/" + CsrApi.STATUS)
    public Uni<Response> updateStatus(@RestPath String cluster, @RestPath String name,
            @RestQuery String fieldValidation, @RestQuery("dryRun") List<String> dryRunValues,
            @RestHeader(HttpHeaders.CONTENT_TYPE) String contentType, RoutingContext routing, byte[] body) {
        return updateSubresource(routing, cluster, name, CsrApi.STATUS, Verbs.SIGN, dryRunValues, contentType,
                fieldValidation, body, CsrResource::status);
    }

    @PATCH
    @Path(OBJECT + "/" + CsrApi.STATUS)
    public Uni<Response> patchStatus(@RestPath String cluster, @RestPath String name,
            @RestQuery String fieldValidation, @RestQuery("dryRun") List<String> dryRunValues,
            @RestHeader(HttpHeaders.CONTENT_TYPE) String contentType, RoutingContext routing, byte[] body) {
        return patchSubresource(routing, cluster, name, CsrApi.STATUS, Verbs.SIGN, dryRunValues, contentType,
                fieldValidation, body, CsrResource::status);
    }

    private CsrChange approval(SubresourceBody approval, UserInfo caller, StoredCsr current) {
        return new CsrChange.ApprovalUpdate(approval.resourceVersion(), approval.conditions(), caller.toActor(),
                signers.approvalRules(current.cluster(), current.signerName()));
    }

    private static CsrChange status(SubresourceBody status, UserInfo caller, StoredCsr current) {
        return new CsrChange.StatusUpdate(status.resourceVersion(), status.conditions(), status.certificatePem(),
                caller.toActor());
    }

    /** {@code PUT} on {@code subresource}: {@code update} on it, then the body, then {@link #writeSubresource}. */
    private Uni<Response> updateSubresource(RoutingContext routing, String cluster, String name, String subresource,
            String signerVerb, List<String> dryRunValues, String contentType, String fieldValidation, byte[] body,
            SubresourceChange change) {
        UserInfo caller = Authentication.caller(routing);
        DryRun dryRun = DryRun.of(DryRun.Options.UPDATE, dryRunValues);
        SubresourceBody requested = SubresourceBody.decode(contentType, body, FieldValidation.of(fieldValidation),
                json).requireName(name);
        return writeSubresource(cluster, name, caller, signerVerb, current -> requested, change, List.of(), dryRun);
    }

    /**
     * {@code PATCH} on {@code subresource}: {@code patch} on it, then the patch applied to the request as read (any
     * type {@link Patches} reads). Like kube-apiserver, which applies a patch to the latest object, the write is
     * conditional on the resourceVersion only when the patch itself sets one.
     */
    private Uni<Response> patchSubresource(RoutingContext routing, String cluster, String name, String subresource,
            String signerVerb, List<String> dryRunValues, String contentType, String fieldValidation, byte[] body,
            SubresourceChange change) {
        UserInfo caller = Authentication.caller(routing);
        DryRun dryRun = DryRun.of(DryRun.Options.PATCH, dryRunValues);
        Patch patch = patches.read(PatchType.of(contentType, Patches.UPDATES), body);
        FieldValidation validation = FieldValidation.of(fieldValidation);
        List<String> warnings = new ArrayList<>();
        return writeSubresource(cluster, name, caller, signerVerb, current -> SubresourceBody.fromJson(
                patches.apply(patch, CsrRepresentation.toWire(current), name, CertificateSigningRequest.class,
                        CsrApi.KIND, CsrSchema.CSR, validation, warnings)).conditionalOnlyIfChanged(current),
                change, warnings, dryRun);
    }

    /**
     * {@code signerVerb} on the request's signer (read before the write: a signerName never changes, so the check
     * cannot go stale), then the change {@code requested} makes of the request as read.
     */
    private Uni<Response> writeSubresource(String cluster, String name, UserInfo caller, String signerVerb,
            Function<StoredCsr, SubresourceBody> requested, SubresourceChange change, List<String> warnings,
            DryRun dryRun) {
        return store.get(cluster, name)
                .invoke(csr -> signerPermissions.require(cluster, caller, signerVerb, csr.signerName(), name))
                .chain(csr -> store.apply(new CsrLookup.ByName(cluster, name),
                        change.of(requested.apply(csr), caller, csr), dryRun))
                .map(updated -> Warnings.add(Response.ok(CsrRepresentation.toWire(updated),
                        MediaType.APPLICATION_JSON_TYPE), withPendingApprovals(warnings, updated)).build());
    }

    /** The change a subresource body asks of {@code current}, as {@code caller} sent it. */
    @FunctionalInterface
    private interface SubresourceChange {
        CsrChange of(SubresourceBody requested, UserInfo caller, StoredCsr current);
    }

    /**
     * {@code warnings}, and for a request still pending after some of the approvers its signer needs have approved, a
     * warning saying how many, as kubectl prints it ({@code Warning: ...}) to the approver.
     */
    private List<String> withPendingApprovals(List<String> warnings, StoredCsr csr) {
        if (csr.approvals().isEmpty() || csr.hasCondition(CsrCondition.APPROVED)
                || csr.hasCondition(CsrCondition.DENIED)) {
            return warnings;
        }
        int needed = signers.approvalRules(csr.cluster(), csr.signerName()).approvers();
        List<String> more = new ArrayList<>(warnings);
        more.add(csr.approvals().size() + " of " + needed + " approvals recorded (" + csr.approverNames() + "); "
                + csr.name() + " stays pending until " + (needed - csr.approvals().size()) + " more approve");
        return more;
    }

    private Uni<Response> serverSideApply(String cluster, String name, String fieldValidation, String fieldManager,
            UserInfo caller, DryRun dryRun, byte[] body) {
        ServerSideApply.requireFieldManager(fieldManager);
        var applied = RequestBodies.decode(body, CertificateSigningRequest.class, CsrApi.KIND, CsrSchema.CSR,
                FieldValidation.of(fieldValidation), Yaml.MAPPER, json);
        CertificateSigningRequest configuration = applied.value();
        ObjectMeta metadata = requireName(configuration.metadata(), name);
        List<String> warnings = new ArrayList<>(applied.warnings());
        AtomicBoolean createdNow = new AtomicBoolean();
        Supplier<StoredCsr> creation = () -> {
            CsrCreation.Admission admission = CsrCreation.validate(cluster, configuration, caller, now(),
                    signerReview::review);
            warnings.addAll(admission.warnings());
            createdNow.set(true);
            return admission.csr();
        };
        return store.apply(new CsrLookup.ByName(cluster, name), new CsrChange.Apply(creation, caller.toActor(),
                        current -> ServerSideApply.merge(current, metadata, configuration.spec())), dryRun)
                .map(result -> createdNow.get() ? created(result, warnings)
                        : Warnings.add(Response.ok(CsrRepresentation.toWire(result), MediaType.APPLICATION_JSON_TYPE),
                                warnings).build());
    }

    /** Streams the cluster's changes of requests ({@link WatchServer}). */
    private Uni<Response> watch(RoutingContext routing, String cluster, String resourceVersion,
            WatchStream.Options<StoredCsr> options) {
        return watches.serve(routing.request(), cluster, resourceVersion, presentation, options,
                        () -> store.list(cluster), () -> store.currentRevision(cluster))
                .map(ignored -> (Response) null);
    }

    private Uni<Response> read(String cluster, String name, String accept, String includeObject) {
        Table.IncludeObject include = Table.IncludeObject.of(includeObject);
        return store.get(cluster, name).map(csr -> Table.isRequestedBy(accept)
                ? table(CsrTable.render(List.of(csr), csr.resourceVersion(), now(), include))
                : ok(CsrRepresentation.toWire(csr)));
    }

    private static RequestBodies.Decoded<CertificateSigningRequest> decode(byte[] body, String fieldValidation,
            ObjectMapper json) {
        return RequestBodies.decode(body, CertificateSigningRequest.class, CsrApi.KIND, CsrSchema.CSR,
                FieldValidation.of(fieldValidation), json, json);
    }

    /** An update names its object in the body as well as the URL; the two must agree, as Kubernetes requires. */
    private static ObjectMeta requireName(ObjectMeta metadata, String urlName) {
        ObjectMeta present = metadata == null ? ObjectMeta.none().withName(urlName) : metadata;
        if (present.name() != null && !present.name().isEmpty() && !present.name().equals(urlName)) {
            throw ApiException.badRequest("the name of the object (" + present.name()
                    + ") does not match the name on the URL (" + urlName + ")");
        }
        return present;
    }

    private static Response created(StoredCsr csr, List<String> warnings) {
        return Warnings.add(Response.status(Response.Status.CREATED).type(MediaType.APPLICATION_JSON_TYPE)
                .entity(CsrRepresentation.toWire(csr)), warnings).build();
    }

    private static Response ok(Object entity) {
        return Response.ok(entity, MediaType.APPLICATION_JSON_TYPE).build();
    }

    private static Response table(Table table) {
        return Response.ok(table, Table.MEDIA_TYPE).build();
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.SECONDS);
    }
}
