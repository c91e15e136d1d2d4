# Tags with qualifiers whose smaller variant may not exist are skipped.
FROM php:8.3-apache
