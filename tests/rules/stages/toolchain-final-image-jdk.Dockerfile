# expect: toolchain-final-image ~ "toolchain image 'openjdk:17' and compiles in place (`./mvnw package` on line 5); compile in a builder stage and copy the result onto an `eclipse-temurin` JRE tag (about 70-110 MB instead of about 150-250 MB)"
FROM openjdk:17
WORKDIR /app
COPY . .
RUN ./mvnw -B package -DskipTests
CMD ["java", "-jar", "target/app.jar"]
