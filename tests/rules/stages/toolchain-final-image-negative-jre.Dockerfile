# A JRE tag is a runtime, not a JDK.
FROM eclipse-temurin:21-jre
RUN javac Main.java
