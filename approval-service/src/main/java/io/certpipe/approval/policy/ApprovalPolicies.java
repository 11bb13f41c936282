package io.certpipe.approval.policy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import io.certpipe.approval.ApprovalConfig;
import io.certpipe.common.approval.ApprovalEngine;
import io.certpipe.common.approval.ApprovalPolicy;
import io.certpipe.common.approval.BuiltInApprovalPolicies;
import io.quarkus.runtime.Startup;
import org.jboss.logging.Logger;

/**
 * The policies approval-service decides with: the built-in ones the configuration names and those of the configured
 * files, read once at start. A name given twice, or an unknown built-in, stops the service there, since which of two
 * policies of one name applies would otherwise be a matter of chance.
 */
@ApplicationScoped
public class ApprovalPolicies {

    private static final Logger LOG = Logger.getLogger(ApprovalPolicies.class);

    /** Made at start, not at the first request: a policy file that cannot be used stops the service there. */
    @Produces
    @Singleton
    @Startup
    ApprovalEngine approvalEngine(ApprovalConfig config) {
        List<ApprovalPolicy> policies = new ArrayList<>(builtIn(config.builtInPolicies().orElse(List.of())));
        for (Path file : config.policyFiles().orElse(List.of())) {
            policies.addAll(ApprovalPolicyFiles.read(file));
        }
        ApprovalEngine engine;
        try {
            engine = new ApprovalEngine(policies);
        } catch (IllegalArgumentException twice) {
            throw new PolicyConfigurationException(twice.getMessage() + " (built-in policies and the files of "
                    + "certpipe.approval.policy-files share one namespace)", twice);
        }
        LOG.infof("deciding with approval policies %s", policies.stream().map(ApprovalPolicy::name).sorted()
                .toList());
        return engine;
    }

    private static List<ApprovalPolicy> builtIn(List<String> names) {
        Map<String, ApprovalPolicy> known = BuiltInApprovalPolicies.all().stream()
                .collect(Collectors.toMap(ApprovalPolicy::name, Function.identity()));
        return names.stream().map(name -> {
            ApprovalPolicy policy = known.get(name);
            if (policy == null) {
                throw new PolicyConfigurationException("certpipe.approval.built-in-policies: no built-in policy \""
                        + name + "\" (there are " + known.keySet().stream().sorted().toList() + ")");
            }
            return policy;
        }).toList();
    }
}
