package io.certpipe.e2e;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

/** The Docker Compose description of the same stack stays valid, though no Docker engine runs here. */
class DockerComposeIT {

    @Test
    void composeFileIsValid() {
        Optional<Path> dockerCompose = Arrays.stream(System.getenv("PATH").split(File.pathSeparator))
                .map(directory -> Path.of(directory, "docker-compose"))
                .filter(Files::isExecutable)
                .findFirst();
        assumeTrue(dockerCompose.isPresent(), "docker-compose is not installed (./certpipe test installs it)");

        Path composeFile = Stack.repo().resolve("docker-compose.yml");
        assertTrue(Files.isRegularFile(composeFile), composeFile + " exists");
        Command.Result config = Command.run(List.of(dockerCompose.get().toString(), "-f", composeFile.toString(),
                "config", "-q"));
        assertTrue(config.succeeded(), "docker-compose config -q: " + config);
    }
}
